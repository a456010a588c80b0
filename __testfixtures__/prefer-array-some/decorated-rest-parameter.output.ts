// @lazymod bands=low,low factors=none messages=compared,compared
import { inject, injectable, multiInject, unmanaged } from "inversify";

interface Store {
  ready: boolean;
}

// TypeScript (experimentalDecorators) accepts a decorator on a rest parameter; so does lazymod.
@injectable()
export class Stores {
  private readonly stores: Store[];

  constructor(
    @inject("log") private readonly log: (message: string) => void,
    @multiInject("store") @unmanaged() ...stores: Store[]
  ) {
    this.stores = stores;
    if (stores.some((s) => s.ready)) this.log("ready");
  }

  anyReady(): boolean {
    return this.stores.some((s) => s.ready);
  }
}
