// Runs a command and measures its wall time and the peak resident memory of its whole process
// tree (jscodeshift and eslint may fork workers), sampled from /proc every 20 ms.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";

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

/** { wallMs, cpuMs, peakRssMiB, code, stdout, stderr } */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, CI: "1", NO_COLOR: "1", ...options.env },
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
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({
        wallMs: performance.now() - started,
        cpuMs: childrenCpuMs() - cpuBefore,
        peakRssMiB: peak / 1024,
        code,
        stdout,
        stderr,
      });
    });
    sample();
  });
}
