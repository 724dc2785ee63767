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

type Part = keyof CpuSeconds;

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  pgrp: number;
  /** utime + stime: its own CPU. */
  ticks: number;
  /** cutime + cstime: the CPU of its children it has waited for (exited backends, for the postmaster). */
  reaped: number;
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
      reaped: Number(fields[13]) + Number(fields[14]), // cutime + cstime, fields 16 and 17
    });
  }
  return found;
}

/** The process group of `pid` (the runner's: its services are its children in that group). */
export function processGroup(pid: number): number | null {
  return processes().find((p) => p.pid === pid)?.pgrp ?? null;
}

/** A reading: each part's processes and their CPU ticks so far, by pid. */
export type CpuReading = Map<number, { part: Part; ticks: number; backend: boolean }>;

/**
 * Which part each process belongs to, and its ticks. PostgreSQL's backends leave the postmaster's
 * process group (setsid), so they are found as its children; a backend that exits (one per
 * connection the app closes) is counted through the postmaster's time for its reaped children.
 */
export function readCpu(groups: { next: number | null; runner: number | null }): CpuReading {
  const reading: CpuReading = new Map();
  const all = processes();
  const own = all.find((p) => p.pid === process.pid)?.pgrp;
  const postmasters = new Set(
    all.filter((p) => p.pgrp === groups.runner && p.comm === 'postgres').map((p) => p.pid),
  );
  for (const p of all) {
    const part: Part | null =
      postmasters.has(p.pid) || postmasters.has(p.ppid)
        ? 'postgres'
        : p.pgrp === groups.next
          ? 'next'
          : p.pgrp === groups.runner
            ? 'stack'
            : p.pgrp === own
              ? 'loadDriver'
              : null;
    if (!part) continue;
    const postmaster = postmasters.has(p.pid);
    reading.set(p.pid, {
      part,
      ticks: p.ticks + (postmaster ? p.reaped : 0),
      backend: part === 'postgres' && !postmaster,
    });
  }
  return reading;
}

/**
 * Cores each part kept busy between two readings `seconds` apart (1 = one core all the time): per
 * process, its ticks since the first reading (from 0 for one started in between). A backend that
 * exits in between reaches the postmaster's reaped time with its whole life, so what it had used
 * before the first reading comes off. Any other process that exits takes its share with it: a
 * part is at worst undercounted, never negative; the server and the stack live through a level.
 */
export function coresBusy(before: CpuReading, after: CpuReading, seconds: number): CpuSeconds {
  const used: CpuSeconds = { next: 0, stack: 0, postgres: 0, loadDriver: 0 };
  for (const [pid, { part, ticks }] of after) {
    used[part] += Math.max(0, ticks - (before.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
  }
  for (const [pid, { ticks, backend }] of before) {
    if (backend && !after.has(pid)) used.postgres -= ticks / TICKS_PER_SECOND;
  }
  used.postgres = Math.max(0, used.postgres);
  const rate = (key: Part) => Math.round((used[key] / seconds) * 100) / 100;
  return {
    next: rate('next'),
    stack: rate('stack'),
    postgres: rate('postgres'),
    loadDriver: rate('loadDriver'),
  };
}
