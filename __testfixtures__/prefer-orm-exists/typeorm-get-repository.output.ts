// @lazymod bands=low,low factors=orm-api-version,orm-hooks-differ messages=binding,inline
// A monorepo's own connection hands out TypeORM repositories per request:
// `this.connection.getRepository(ctx, Entity)`. Nothing here imports TypeORM; the configuration
// names the call (typeorm-get-repository.config.json: "this.connection.getRepository()").
type Ctx = { tenant: string };
type Student = { id: number; age: number };
// What a TypeORM `Repository<Student>` has of what these functions call, eager and lazy.
type Repository = {
  find(options: object): Promise<Student[]>;
  exists(options: object): Promise<boolean>;
};
type Db = { dataSource: { getRepository(entity: string): Repository } };

class StudentService {
  constructor(private readonly connection: { getRepository(ctx: Ctx, entity: string): Repository }) {}

  async hasStudentsAged(ctx: Ctx, age: number) {
    return await this.connection.getRepository(ctx, "Student").exists({ where: { age } }) ? "some" : "none";
  }

  async noStudentsAged(ctx: Ctx, age: number) {
    return !(await this.connection
      .getRepository(ctx, "Student")
      .exists({ where: { age }, order: { id: "ASC" } }));
  }
}

function service({ dataSource }: Db) {
  return new StudentService({ getRepository: (_ctx, entity) => dataSource.getRepository(entity) });
}

export async function hasStudentsAged(db: Db, minAge: number) {
  return service(db).hasStudentsAged({ tenant: "a" }, minAge);
}

export async function noStudentsAged(db: Db, minAge: number) {
  return service(db).noStudentsAged({ tenant: "a" }, minAge);
}
