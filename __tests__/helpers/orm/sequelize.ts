import type * as SequelizeV6 from "sequelize";
import { NAME_COLUMNS } from "./seed.js";

/** Sequelize 6 (`sequelize` + sqlite3) or 7 (`@sequelize/core` + `@sequelize/sqlite3`), same models. */
export async function openSequelize(file: string, version: 6 | 7) {
  const core = version === 6 ? await import("sequelize") : await import("@sequelize/core");
  // Both versions share these parts of the API; v6's types describe them.
  const { DataTypes } = core as typeof SequelizeV6;
  const options =
    version === 6
      ? { dialect: "sqlite", storage: file, logging: false }
      : {
          dialect: (await import("@sequelize/sqlite3")).SqliteDialect,
          storage: file,
          logging: false,
        };
  const SequelizeClass = core.Sequelize as unknown as new (
    options: object,
  ) => SequelizeV6.Sequelize;
  const sequelize = new SequelizeClass(options);
  const attributes: SequelizeV6.ModelAttributes = {
    id: { type: DataTypes.INTEGER, primaryKey: true },
  };
  for (const column of NAME_COLUMNS)
    attributes[column] = { type: DataTypes.STRING, allowNull: false };
  attributes.age = { type: DataTypes.INTEGER, allowNull: false };
  const Student = sequelize.define("Student", attributes, {
    tableName: "students",
    timestamps: false,
  });
  const Enrollment = sequelize.define(
    "Enrollment",
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      studentId: { type: DataTypes.INTEGER },
      course: { type: DataTypes.STRING },
    },
    { tableName: "enrollments", timestamps: false },
  );
  Student.hasMany(Enrollment, { foreignKey: "studentId", as: "enrollments" });
  Enrollment.belongsTo(Student, { foreignKey: "studentId", as: "student" });
  return { db: { sequelize, Student, Enrollment }, close: () => sequelize.close() };
}
