/**
 * Where the CPU goes during a level, from Linux's /proc/<pid>/stat (no library reads it): the
 * seconds of CPU used by `next start`'s process group, by the stack the app's runner started (the
 * Neon proxy or the offline Supabase API run inside the runner; the local Convex deployment is its
 * child), by its PostgreSQL, and by this load driver. Divided by the level's wall time it says which
 * of them was busy: on a 2-core machine shared with other work, a part near its share of the cores
 * while the others idle is where the app saturates.
 */
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: the unit of utime and stime, 100 on every Linux architecture Node runs on.
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  next: number;
  stack: number;
  postgres: number;
  loadDriver: number;
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  pgrp: number;
  ticks: number;
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited since the directory was read
    }
    // The command name is in parentheses and may hold spaces; the fields after it are plain.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    found.push({
      pid: Number(entry),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      ppid: Number(fields[1]), // field 4
      pgrp: Number(fields[2]), // field 5 of proc(5); fields[0] is field 3, the state
      ticks: Number(fields[11]) + Number(fields[12]), // utime + stime, fields 14 and 15
    });
  }
  return found;
}

/** The process group of `pid` (the runner's: its services are its children in that group). */
export function processGroup(pid: number): number | null {
  return processes().find((p) => p.pid === pid)?.pgrp ?? null;
}

/**
 * CPU seconds used so far by each part. A process that exited in between drops its share, so the
 * parts are compared over a level with processes that live through it (the server, the stack).
 */
export function cpuSeconds(groups: { next: number | null; runner: number | null }): CpuSeconds {
  const sum: CpuSeconds = { next: 0, stack: 0, postgres: 0, loadDriver: 0 };
  const all = processes();
  const own = all.find((p) => p.pid === process.pid)?.pgrp;
  // PostgreSQL's backends leave the postmaster's process group (setsid), so they are found as its children.
  const postmasters = new Set(
    all.filter((p) => p.pgrp === groups.runner && p.comm === 'postgres').map((p) => p.pid),
  );
  for (const p of all) {
    const seconds = p.ticks / TICKS_PER_SECOND;
    if (postmasters.has(p.pid) || postmasters.has(p.ppid)) sum.postgres += seconds;
    else if (p.pgrp === groups.next) sum.next += seconds;
    else if (p.pgrp === groups.runner) sum.stack += seconds;
    else if (p.pgrp === own) sum.loadDriver += seconds;
  }
  return sum;
}

/** Cores each part kept busy between two readings `seconds` apart (1 = one core all the time). */
export function coresBusy(before: CpuSeconds, after: CpuSeconds, seconds: number): CpuSeconds {
  const rate = (key: keyof CpuSeconds) => Math.round(((after[key] - before[key]) / seconds) * 100) / 100;
  return {
    next: rate('next'),
    stack: rate('stack'),
    postgres: rate('postgres'),
    loadDriver: rate('loadDriver'),
  };
}
