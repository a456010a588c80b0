// @lazymod bands=low,low factors=count-value-shape messages=inline,binding
// Single quotes, no semicolons, tight braces: the count query is written the same way.
import type { Knex } from 'knex'

type Db = {knex: Knex}

export async function countOlderStudents({knex}: Db, minAge: number) {
  return (await knex('students').where('age', '>', minAge)).length
}

export async function describeOlderStudents({knex}: Db, minAge: number) {
  const older = await knex('students').where('age', '>', minAge).orderBy('id')
  return `${older.length} older students`
}
