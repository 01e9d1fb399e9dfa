import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/**
 * The server runs in the bench's own process, so the V8 profiler can watch it while Portico alone
 * is under load (the load generator is a process of its own, the bare server is measured after).
 */
export class ServerProfiler {
  private readonly session = new Session();
  private connected = false;

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }

  async start(): Promise<void> {
    if (!this.connected) {
      this.session.connect();
      await this.session.post('Profiler.enable');
      // 250 µs between samples: fine enough for requests that take about a millisecond.
      await this.session.post('Profiler.setSamplingInterval', { interval: 250 });
      this.connected = true;
    }
    await this.session.post('Profiler.start');
  }

  /** Stops, writes `<name>.cpuprofile` and returns the summary lines. */
  async stop(name: string): Promise<string[]> {
    const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const file = path.join(this.folder, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return [`  profile: ${file}`, ...summarise(profile).map((line) => `    ${line}`)];
  }

  close(): void {
    if (this.connected) this.session.disconnect();
  }
}

/** Where a frame's code lives: a package, a Portico source file, a Node module, or V8 itself. */
function placeOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const source = /\/(src\/.+)$/.exec(url);
  if (source?.[1]) return source[1];
  return url || '(V8 and native)';
}

/** Self time by place and by function, busiest first, as shares of the samples taken while busy. */
export function summarise(profile: CpuProfile, top = 12): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += 1;
    const place = placeOf(frame.url);
    places.set(place, (places.get(place) ?? 0) + 1);
    const name = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + 1);
  }
  const share = (count: number) => `${((100 * count) / Math.max(1, busy)).toFixed(1).padStart(5)} %`;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => `${share(count)}  ${name}`);
  return [
    `busy ${busy} of ${profile.samples.length} samples; self time by place:`,
    ...ranked(places),
    'by function:',
    ...ranked(functions),
  ];
}
