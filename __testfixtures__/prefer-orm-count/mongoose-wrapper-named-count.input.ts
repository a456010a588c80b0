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
    return (await this.feedRepository.find({ ownerId })).length;
  }

  async commentCount(postId: string) {
    const comments = await this.repositories.get("comments").find({ postId });
    return comments.length;
  }
}
