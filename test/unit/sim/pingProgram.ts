/**
 * A tiny node program for simulator tests: every node pings every other node each `everyMs`
 * (local clock) and records what it receives in durable state; `volatileCount` counts messages
 * since the last boot and is lost on a crash.
 */
import { type NodeProgram } from '../../../extension/sim/core/node';

export interface PingDurable {
  received: { from: string; seq: number; atLocalMs: number }[];
  boots: number;
}

export function pingProgram(everyMs = 10): NodeProgram<PingDurable> & { volatile: Map<string, number> } {
  const volatile = new Map<string, number>();
  return {
    volatile,
    initDurable: () => ({ received: [], boots: 0 }),
    create: (ctx) => {
      let seq = 0;
      let count = 0;
      const boot = (): void => {
        ctx.durable.boots++;
        ctx.setTimer('ping', everyMs);
      };
      return {
        onStart: boot,
        onRecover: boot,
        onMessage: (msg, from) => {
          count++;
          volatile.set(ctx.id, count);
          ctx.durable.received.push({ from, seq: (msg as { seq: number }).seq, atLocalMs: ctx.now() });
        },
        onTimer: () => {
          seq++;
          for (const p of ctx.cluster) if (p !== ctx.id) ctx.send(p, { type: 'ping', seq });
          ctx.setTimer('ping', everyMs);
        },
        inspect: () => ({ seq, count }),
      };
    },
  };
}
