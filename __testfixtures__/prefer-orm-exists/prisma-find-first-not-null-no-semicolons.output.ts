// @lazymod bands=low,low factors=orm-hooks-differ messages=binding,binding
// No semicolons: a statement that now starts with `(` gets the `;` that keeps it from continuing
// the line before (as Prettier writes it with `semi: false`).
import type { PrismaClient } from '@prisma/client'

type Db = { prisma: PrismaClient }

export async function flagOlderStudents({ prisma }: Db, minAge: number) {
  const flags: string[] = []
  flags.push('checked')
  ;(await prisma.student.findFirst({ where: { age: { gt: minAge } } })) !== null && flags.push('found')
  return flags.join(',')
}

export async function flagNoOlderStudents({ prisma }: Db, minAge: number) {
  let none = false
  ;(await prisma.student.findFirst({ where: { age: { gt: minAge } } })) === null && (none = true)
  return none
}
