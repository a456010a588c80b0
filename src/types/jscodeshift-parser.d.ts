declare module "jscodeshift/parser/tsOptions.js" {
  import type { ParserOptions } from "@babel/parser";
  const options: ParserOptions;
  export default options;
}
