// The shop's dependency injection: repositories are handed to services by entity, as
// @nestjs/typeorm's @InjectRepository does.
import type { EntityTarget, ObjectLiteral } from "typeorm";

const registry = new Map<object, { entity: EntityTarget<ObjectLiteral>; index: number }[]>();

export function InjectRepository(entity: EntityTarget<ObjectLiteral>): ParameterDecorator {
  return (target, _key, index) => {
    registry.set(target, [...(registry.get(target) ?? []), { entity, index }]);
  };
}
