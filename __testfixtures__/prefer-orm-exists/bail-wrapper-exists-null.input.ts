// @lazymod bands=none factors=none messages=none
// `"exists": null`: the wrapper has no existence method, so there is no rewrite for the question
// (bail-wrapper-exists-null.config.json).
import type { FeedRepository } from "./repositories";

export class FeedService {
  constructor(private readonly feedRepository: FeedRepository) {}

  async hasFeed(ownerId: string) {
    return (await this.feedRepository.find({ ownerId })).length > 0;
  }

  async isEmpty(ownerId: string) {
    const items = await this.feedRepository.find({ ownerId });
    if (items.length === 0) return "empty";
    return "some";
  }
}
