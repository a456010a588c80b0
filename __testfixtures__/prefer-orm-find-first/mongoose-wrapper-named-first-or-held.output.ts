// @lazymod bands=low,medium statuses=apply,held factors=orm-hooks-differ,wrapper-method-unknown max-risk=low messages=destructure,destructure
// `feedRepository` names its `findOne`; `auditRepository` says nothing about a first-row method,
// so its rewrite (Mongoose's `findOne`) is held back
// (mongoose-wrapper-named-first-or-held.config.json).
import type { AuditRepository, FeedRepository } from "./repositories";

export class FeedService {
  constructor(
    private readonly feedRepository: FeedRepository,
    private readonly auditRepository: AuditRepository,
  ) {}

  async latest(ownerId: string) {
    const item = await this.feedRepository.findOne({ ownerId }).sort({ createdAt: -1 });
    return item?.title;
  }

  async lastAudit(ownerId: string) {
    const [entry] = await this.auditRepository.find({ ownerId }).sort({ at: -1 });
    return entry?.action;
  }
}
