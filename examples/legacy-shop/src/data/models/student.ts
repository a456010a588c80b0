import { DataTypes, Model, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "./connection";

export class Student extends Model<InferAttributes<Student>, InferCreationAttributes<Student>> {
  declare id: number;
  declare name: string;
  declare name2: string;
  declare name3: string;
  declare name4: string;
  declare name5: string;
  declare name6: string;
  declare name7: string;
  declare name8: string;
  declare name9: string;
  declare name10: string;
  declare name11: string;
  declare name12: string;
  declare name13: string;
  declare name14: string;
  declare name15: string;
  declare age: number;
}

Student.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
    name2: { type: DataTypes.STRING, allowNull: false },
    name3: { type: DataTypes.STRING, allowNull: false },
    name4: { type: DataTypes.STRING, allowNull: false },
    name5: { type: DataTypes.STRING, allowNull: false },
    name6: { type: DataTypes.STRING, allowNull: false },
    name7: { type: DataTypes.STRING, allowNull: false },
    name8: { type: DataTypes.STRING, allowNull: false },
    name9: { type: DataTypes.STRING, allowNull: false },
    name10: { type: DataTypes.STRING, allowNull: false },
    name11: { type: DataTypes.STRING, allowNull: false },
    name12: { type: DataTypes.STRING, allowNull: false },
    name13: { type: DataTypes.STRING, allowNull: false },
    name14: { type: DataTypes.STRING, allowNull: false },
    name15: { type: DataTypes.STRING, allowNull: false },
    age: { type: DataTypes.INTEGER, allowNull: false },
  },
  { sequelize, tableName: "students", timestamps: false },
);
