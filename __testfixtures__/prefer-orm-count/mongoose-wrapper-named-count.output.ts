// @lazymod bands=low,low factors=orm-hooks-differ messages=inline,binding
// The app's repositories wrap Mongoose models: `FeedRepository` has `count`, not `countDocuments`
// (mongoose-wrapper-named-count.config.json says so), and `repositories.get(name)` gives one
// that has `countAll`.
import type { FeedRepository, Repositories } from "./repositories";

export class FeedService {
  constructor(
    private readonly feedRepository: FeedRepository,
    private readonly repositories: Repositories,
  ) {}

  async feedSize(ownerId: string) {
    return await this.feedRepository.count({ ownerId });
  }

  async commentCount(postId: string) {
    return await this.repositories.get("comments").countAll({ postId });
  }
}
