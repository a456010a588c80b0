export * from "./context-predicates.js";
export * from "./predicates.js";
export * from "./walk.js";
