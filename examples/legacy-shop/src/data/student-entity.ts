// The reporting database's students, as TypeORM sees them: every column typed in its decorator,
// as the shop's build never emitted decorator metadata.
import "reflect-metadata";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("students")
export class StudentRecord {
  @PrimaryColumn("integer")
  id!: number;

  @Column("text") name!: string;
  @Column("text") name2!: string;
  @Column("text") name3!: string;
  @Column("text") name4!: string;
  @Column("text") name5!: string;
  @Column("text") name6!: string;
  @Column("text") name7!: string;
  @Column("text") name8!: string;
  @Column("text") name9!: string;
  @Column("text") name10!: string;
  @Column("text") name11!: string;
  @Column("text") name12!: string;
  @Column("text") name13!: string;
  @Column("text") name14!: string;
  @Column("text") name15!: string;

  @Column("integer")
  age!: number;
}
