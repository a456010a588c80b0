// @lazymod bands=medium statuses=held factors=orm-hooks-differ,wrapper-method-unknown max-risk=low messages=inline
// A wrapper whose methods the configuration does not name: Mongoose's `countDocuments` may not
// exist on it, so the rewrite is held back by default (wrapper-method-unknown).
import type { FeedRepository } from "./repositories";

export class FeedService {
  constructor(private readonly feedRepository: FeedRepository) {}

  async feedSize(ownerId: string) {
    return (await this.feedRepository.find({ ownerId })).length;
  }
}
