// @lazymod bands=low,low messages=inline,binding factors=orm-hooks-differ
// A monorepo's own connection hands out TypeORM repositories per request:
// `this.connection.getRepository(ctx, Entity)`. Nothing here imports TypeORM; the configuration
// names the call (typeorm-get-repository.config.json: "this.connection.getRepository()").
type Ctx = { tenant: string };
type Student = { id: number; age: number };
// What a TypeORM `Repository<Student>` has of what these functions call, eager and lazy.
type Repository = {
  find(options: object): Promise<Student[]>;
  findBy(where: object): Promise<Student[]>;
  count(options: object): Promise<number>;
  countBy(where: object): Promise<number>;
};
type Db = { dataSource: { getRepository(entity: string): Repository } };

class StudentService {
  constructor(private readonly connection: { getRepository(ctx: Ctx, entity: string): Repository }) {}

  async countAged(ctx: Ctx, age: number) {
    return await this.connection.getRepository(ctx, "Student").count({ where: { age } });
  }

  async labelAged(ctx: Ctx, age: number) {
    const studentCount = await this.connection.getRepository(ctx, "Student").countBy({ age });
    return studentCount === 0 ? "none" : `${studentCount} students`;
  }
}

function service({ dataSource }: Db) {
  return new StudentService({ getRepository: (_ctx, entity) => dataSource.getRepository(entity) });
}

export async function countAged(db: Db, minAge: number) {
  return service(db).countAged({ tenant: "a" }, minAge);
}

export async function labelAged(db: Db, minAge: number) {
  return service(db).labelAged({ tenant: "a" }, minAge);
}
