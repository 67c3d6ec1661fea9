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
import * as tc from '../../sim/core/traceColumns';
import type { TraceColumns } from '../../sim/core/traceColumns';
import type { MessageSpan, OpSpan } from './timelineModel';

const { K_DELIVER, K_SEND } = tc;

export function deriveQuorums(
  trace: TraceColumns,
  rootOp: Int32Array,
  spanAt: Int32Array,
  spans: MessageSpan[],
  ops: readonly OpSpan[],
  laneOf: ReadonlyMap<string, number>,
): void {
  const { kind, cause, a, b, endpoints } = trace;
  const n = trace.length;
  // Group each operation's deliveries once (O(events)), then resolve each operation's quorum.
  const deliveriesByOp = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const op = rootOp[i] as number;
    if (kind[i] !== K_DELIVER || op < 0) continue;
    let list = deliveriesByOp.get(op);
    if (list === undefined) deliveriesByOp.set(op, (list = []));
    list.push(i);
  }
  const causeOf = (i: number): number => (i >= 0 && i < n ? (cause[i] as number) : -1);
  for (const op of ops) {
    if (op.completeIdx < 0) continue;
    // completion ← delivery of the answer to the client ← the coordinator's send of the answer.
    const answerDelivery = causeOf(op.completeIdx);
    if (answerDelivery < 0 || kind[answerDelivery] !== K_DELIVER) continue;
    const answerSend = causeOf(answerDelivery);
    if (answerSend < 0 || kind[answerSend] !== K_SEND) continue;
    const coordinatorEp = a[answerSend] as number;
    op.coordinator = endpoints[coordinatorEp] as string;
    const clientEp = endpoints.indexOf(op.client);
    for (const i of deliveriesByOp.get(op.opId) ?? []) {
      if (i >= answerSend) break;
      const from = a[i] as number;
      if (b[i] !== coordinatorEp || from === clientEp || !laneOf.has(endpoints[from] as string)) continue;
      const replySend = causeOf(i);
      const handled = replySend >= 0 ? causeOf(replySend) : -1;
      if (handled < 0 || kind[handled] !== K_DELIVER || a[handled] !== coordinatorEp) continue;
      op.quorumAcks.push(i);
      const s = spanAt[i] as number;
      if (s >= 0) (spans[s] as MessageSpan).quorum = true;
    }
  }
}
