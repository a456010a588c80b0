// @lazymod bands=low,low factors=count-value-shape messages=inline,binding
// Single quotes, no semicolons, tight braces: the count query is written the same way.
import type { Knex } from 'knex'

type Db = {knex: Knex}

export async function countOlderStudents({knex}: Db, minAge: number) {
  return Number((await knex('students').where('age', '>', minAge).count({count: '*'}).first())?.count)
}

export async function describeOlderStudents({knex}: Db, minAge: number) {
  return `${Number((await knex('students').where('age', '>', minAge).count({count: '*'}).first())?.count)} older students`
}
