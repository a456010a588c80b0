// @lazymod bands=low,low factors=none messages=inline,destructure databases-differ=true
// NULL grades sort first ascending on SQLite and last on PostgreSQL: the answers differ between
// the two, but `findOne` sorts as `find` did on each, so the rewrite is the same query.
import { MoreThan, type EntityManager } from "typeorm";

type Db = { manager: EntityManager };

export async function lowestGrade({ manager }: Db, minAge: number) {
  return (await manager.find("Enrollment", { where: { studentId: MoreThan(minAge) }, order: { grade: "ASC", id: "ASC" } }))[0] ?? null;
}

export async function highestGrade({ manager }: Db, minAge: number) {
  const [top] = await manager.find("Enrollment", { where: { studentId: MoreThan(minAge) }, order: { grade: "DESC", id: "ASC" } });
  return top ? `${top.id}: ${top.grade}` : "none";
}
