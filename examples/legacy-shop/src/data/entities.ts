import "reflect-metadata";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class OrderRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  status!: string;

  @Column("decimal")
  total!: number;

  @Column()
  customerId!: number;
}
