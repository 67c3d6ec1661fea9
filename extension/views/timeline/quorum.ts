/**
 * Which acknowledgements made an operation's quorum, derived from the trace's cause links alone
 * (no protocol knowledge): the client's answer was sent by the coordinator while it handled some
 * event; every delivery *to the coordinator* that belongs to the same operation's causal tree
 * (its cause chain leads back to the operation's invocation) and happened before that answer was
 * sent, and is a reply (its sender sent it while handling a message from the coordinator), is an
 * acknowledgement the coordinator had when it decided. Replies that arrive after the answer (late
 * acks), the client's own request, and the coordinator's requests to itself are not part of the
 * quorum; an asynchronous leader that answers at once has an empty quorum, which is the point.
 */
import type { TraceEvent } from '../../sim/core/trace';
import type { MessageSpan, OpSpan } from './timelineModel';

export function deriveQuorums(
  events: readonly TraceEvent[],
  rootOp: Int32Array,
  spanAt: Int32Array,
  spans: MessageSpan[],
  ops: readonly OpSpan[],
  laneOf: ReadonlyMap<string, number>,
): void {
  // Group each operation's deliveries once (O(events)), then resolve each operation's quorum.
  const deliveriesByOp = new Map<number, number[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    const op = rootOp[i] as number;
    if (e.k !== 'deliver' || op < 0) continue;
    let list = deliveriesByOp.get(op);
    if (list === undefined) deliveriesByOp.set(op, (list = []));
    list.push(i);
  }
  for (const op of ops) {
    if (op.completeIdx < 0) continue;
    const done = events[op.completeIdx] as TraceEvent;
    // completion ← delivery of the answer to the client ← the coordinator's send of the answer.
    const answerDelivery = 'cause' in done ? done.cause : -1;
    const d = events[answerDelivery];
    if (d === undefined || d.k !== 'deliver') continue;
    const answerSend = events[d.cause];
    if (answerSend === undefined || answerSend.k !== 'send') continue;
    const coordinator = answerSend.from;
    op.coordinator = coordinator;
    for (const i of deliveriesByOp.get(op.opId) ?? []) {
      if (i >= answerSend.i) break;
      const e = events[i] as Extract<TraceEvent, { k: 'deliver' }>;
      if (e.to !== coordinator || e.from === op.client || !laneOf.has(e.from)) continue;
      const replySend = events[e.cause];
      const handled = replySend !== undefined && 'cause' in replySend ? events[replySend.cause] : undefined;
      if (handled === undefined || handled.k !== 'deliver' || handled.from !== coordinator) continue;
      op.quorumAcks.push(i);
      const s = spanAt[i] as number;
      if (s >= 0) (spans[s] as MessageSpan).quorum = true;
    }
  }
}
