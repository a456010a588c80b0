// Runs a command and measures its wall time and the peak resident memory of its whole process
// tree (jscodeshift and eslint may fork workers), sampled from /proc every 20 ms. With
// `cpu: true`, also the CPU time (user + system) of every Node process in the tree, which each
// reports at exit through a preload (NODE_OPTIONS): on a machine shared with other work, CPU
// time moves less than wall time. Without it, the CPU time of the command's waited-for process
// tree, from /proc/self/stat.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

function descendants(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${all[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`/proc/${all[i]}/task/${task}/children`, "utf8").trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended
      }
    }
  }
  return all;
}

function treeRssKiB(pid) {
  let total = 0;
  for (const id of descendants(pid)) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${id}/status`, "utf8"));
      if (match) total += Number(match[1]);
    } catch {
      // the process ended
    }
  }
  return total;
}

/**
 * A preload that writes the process's CPU time and peak RSS (`process.resourceUsage()`, worker
 * threads included) to `<dir>/<pid>.json` at exit: the environment that makes every Node process
 * of a tree load it, and a reader of what they wrote.
 */
function cpuRecorder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lazymod-bench-cpu-"));
  const preload = path.join(dir, "preload.mjs");
  fs.writeFileSync(
    preload,
    `import { writeFileSync } from "node:fs";\n` +
      `process.on("exit", () => { const u = process.resourceUsage(); ` +
      `writeFileSync(${JSON.stringify(dir)} + "/" + process.pid + ".json", ` +
      `JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS })); });\n`,
  );
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${pathToFileURL(preload).href}`]
    .filter(Boolean)
    .join(" ");
  return {
    env: { NODE_OPTIONS: nodeOptions },
    read() {
      let cpuMs = 0;
      let maxRssKiB = 0;
      for (const name of fs.readdirSync(dir)) {
        if (!/^\d+\.json$/.test(name)) continue;
        const usage = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
        cpuMs += usage.cpuMs;
        maxRssKiB = Math.max(maxRssKiB, usage.maxRssKiB);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      return { cpuMs, maxRssKiB };
    },
  };
}

const CLOCK_TICKS =
  Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * The CPU time (user + system, ms) of this process's children that have ended and been waited
 * for (fields 16 and 17 of /proc/self/stat): a command's CPU time is the difference across it.
 * Unlike wall time, it does not grow when other work shares the machine.
 */
function childrenCpuMs() {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

/**
 * { wallMs, cpuMs, peakRssMiB, code, stdout, stderr }; with `cpu: true`, cpuMs is what every
 * Node process of the tree reported (and peakRssMiB is also at least the largest process's own
 * high-water mark, which sampling can miss).
 */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpu = options.cpu ? cpuRecorder() : undefined;
    const cpuBefore = childrenCpuMs();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, CI: "1", NO_COLOR: "1", ...cpu?.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let peak = 0;
    const sample = () => (peak = Math.max(peak, treeRssKiB(child.pid)));
    const timer = setInterval(sample, 20);
    child.on("error", (error) => {
      clearInterval(timer);
      cpu?.read();
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      const usage = cpu?.read();
      resolve({
        wallMs,
        cpuMs: usage ? usage.cpuMs : childrenCpuMs() - cpuBefore,
        peakRssMiB: Math.max(peak, usage?.maxRssKiB ?? 0) / 1024,
        code,
        stdout,
        stderr,
      });
    });
    sample();
  });
}
