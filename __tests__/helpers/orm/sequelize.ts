import type * as SequelizeV6 from "sequelize";
import type * as Sqlite3 from "sqlite3";
import { NAME_COLUMNS } from "./seed.js";

/** Sequelize 6 (`sequelize` + sqlite3) or 7 (`@sequelize/core` + `@sequelize/sqlite3`), same models. */
export async function openSequelize(file: string, version: 6 | 7) {
  // "sqlite3" is @appthreat/sqlite3, the node-sqlite3 fork whose npm package holds prebuilt
  // binaries, so that installing compiles nothing (README: "What the install costs"). It is an ES
  // module: `require("sqlite3")` gives its namespace, which lacks the OPEN_* flags Sequelize
  // reads, so the module is passed through the option each version has for it (v6
  // `dialectModule`, v7 `sqlite3Module`). Its type declarations are node-sqlite3's.
  const sqlite3 = ((await import("sqlite3")) as unknown as { default: typeof Sqlite3 }).default;
  const options =
    version === 6
      ? { dialect: "sqlite", dialectModule: sqlite3, storage: file, logging: false }
      : {
          dialect: (await import("@sequelize/sqlite3")).SqliteDialect,
          sqlite3Module: sqlite3,
          storage: file,
          logging: false,
        };
  return openWith(version, options);
}

/**
 * The same models on PostgreSQL: v6's `postgres` dialect (node-postgres) or v7's
 * `@sequelize/postgres`, with a pool of one connection (see startPostgres).
 */
export async function openSequelizePostgres(url: string, version: 6 | 7) {
  const pool = { max: 1, min: 0 };
  // v6 reads a URL only as its first argument, not among options: its parts are passed instead.
  const { hostname, port, username, pathname } = new URL(url);
  const options =
    version === 6
      ? {
          dialect: "postgres",
          host: hostname,
          port: Number(port),
          username,
          database: pathname.slice(1),
          pool,
          logging: false,
        }
      : {
          dialect: (await import("@sequelize/postgres")).PostgresDialect,
          url,
          pool,
          logging: false,
        };
  return openWith(version, options);
}

async function openWith(version: 6 | 7, options: object) {
  const core = version === 6 ? await import("sequelize") : await import("@sequelize/core");
  // Both versions share these parts of the API; v6's types describe them.
  const { DataTypes } = core as typeof SequelizeV6;
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
      grade: { type: DataTypes.INTEGER, allowNull: true },
    },
    { tableName: "enrollments", timestamps: false },
  );
  Student.hasMany(Enrollment, { foreignKey: "studentId", as: "enrollments" });
  Enrollment.belongsTo(Student, { foreignKey: "studentId", as: "student" });
  return { db: { sequelize, Student, Enrollment }, close: () => sequelize.close() };
}
