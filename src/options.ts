/** The command line's options: one table for parsing and for `--help`. */
export interface OptionSpec {
  name: string;
  type: "boolean" | "string";
  short?: string;
  /** Placeholder shown in help for string options. */
  value?: string;
  default?: string;
  description: string;
}

export const OPTIONS = [
  {
    name: "write",
    type: "boolean",
    description: "Write the changes at or below --max-risk (default: dry run, nothing is written)",
  },
  {
    name: "max-risk",
    type: "string",
    value: "<0-100|low|medium|high>",
    default: "low",
    description:
      "Highest risk score applied by --write (low = 24, medium = 59, high = 100); riskier changes are reported as held back",
  },
  {
    name: "transforms",
    type: "string",
    value: "<id,…>",
    description: "Run only these transforms (default: all; see --list)",
  },
  {
    name: "list",
    type: "boolean",
    description: "List the transforms with a one-line description, and exit",
  },
  {
    name: "format",
    type: "string",
    value: "<text|json>",
    default: "text",
    description: "Report format on stdout",
  },
  {
    name: "target",
    type: "string",
    value: "<es2022|es2023|es2025>",
    default: "es2022",
    description: "Language level the rewritten code may use; findLast needs es2023",
  },
  {
    name: "check",
    type: "boolean",
    description: "Exit with code 1 if any change at or below --max-risk is found (for CI)",
  },
  {
    name: "verbose",
    type: "boolean",
    description: "Show stack traces of internal errors, and list each skipped file with its reason",
  },
  { name: "help", type: "boolean", short: "h", description: "Show this help" },
  { name: "version", type: "boolean", short: "v", description: "Show the version" },
] as const satisfies readonly OptionSpec[];

export type OptionName = (typeof OPTIONS)[number]["name"];

export function helpText(version: string): string {
  const rows = OPTIONS.map((option: OptionSpec) => {
    const flag = `${option.short ? `-${option.short}, ` : "    "}--${option.name}${option.value ? ` ${option.value}` : ""}`;
    const description = option.default
      ? `${option.description} (default: ${option.default})`
      : option.description;
    return [flag, description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    `lazymod ${version}: find eager evaluation (whole arrays built to ask one small question) and rewrite it lazily`,
    "",
    "Usage: lazymod [options] [paths…]   (default path: .)",
    "",
    "Without --write this is a dry run: it prints every change with its diff and risk, and writes nothing.",
    "",
    "Options:",
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`),
    "",
    "Exit codes: 0 done; 1 --check found changes; 2 usage error, or at least one file failed.",
    "",
  ].join("\n");
}
