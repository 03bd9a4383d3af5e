/**
 * Steps of the actors a device brings with it (the network receiver, the remote server that
 * resends a dropped ACK; the disk interrupt is in disk-irq.ts), of other network traffic, and
 * the daemon's dequeue. Each is idle, not stuck, when it has nothing to do.
 */
import { allocate } from './allocate.js';
import { GFP_ATOMIC } from './context.js';
import type { Exec } from './exec.js';
import { FREE, R_HELD, R_N, R_PC, R_REQ, R_REQF, R_WO, R_WODEV, WO_DROPPED, WO_INFLIGHT, WO_LOST } from './layout.js';
import { returnAwaiting } from './inflight.js';
import { receiveAsyncAck, resendAsyncAck } from './async-writeout.js';
import { completeNetWrite } from './writeout.js';
import type { Step } from './world.js';

const idle = (): boolean => true;

/**
 * A daemon takes the request at the head of its queue; a workqueue's rescuer only while no
 * worker of the pool is ready to (mayday: the worker is being created, or is busy).
 */
export function serve(): Step {
  return {
    kind: 'serve',
    rest: idle,
    doing: () => 'idle',
    run(x) {
      const dev = x.world.devices[x.me.serves!]!;
      if (x.me.rescues !== undefined && x.world.actors[x.me.rescues]!.program[x.regOf(x.me.rescues, R_PC)]?.step.kind === 'serve') return;
      if (returnAwaiting(x)) return;
      const at = x.world.layout.queue(dev.index);
      const n = x.s[at]!;
      if (n === 0) return;
      const head = x.s[at + 1]!;
      const d = x.draft();
      // The queue moves up one entry (copyWithin, written out: a builtin call for a byte or two cost more).
      for (let k = at + 1; k < at + n; k++) d[k] = d[k + 1]!;
      d[at + n] = 0;
      d[at] = n - 1;
      x.set(d, R_REQ, (head >> 2) + 1);
      x.set(d, R_REQF, head & 3);
      x.done(d);
      const from = x.world.actors[head >> 2]!.name;
      if (x.me.rescues === undefined) x.emit(d, 'dequeue', x.quiet ? '' : `${x.me.name} takes ${from}'s ${dev.name} writeout from its queue`);
      else x.emit(d, 'rescue', x.quiet ? '' : `mayday: no kworker is free to run it, so ${x.me.name} runs ${from}'s ${dev.name} work item itself`);
    },
  };
}

/** The softirq receiver: an skb at GFP_ATOMIC per packet; a packet it cannot place is dropped. */
export function receiver(device: number): Step {
  return {
    kind: 'receive',
    rest: idle,
    run(x) {
      const dev = x.world.devices[device]!;
      const retransmit = dev.kind === 'network' && dev.retransmit;
      receiveAsyncAck(x, device, retransmit);
      for (const a of x.world.actors) {
        x.serving = a.name;
        const base = x.world.layout.actor(a.index);
        if (a.kind === 'traffic' && x.s[base + R_N] === 1) receivePacket(x, base, a.name);
        if (x.s[base + R_WO] !== WO_INFLIGHT || x.s[base + R_WODEV] !== device) continue;
        const skb = x.a + R_HELD;
        allocate(x, {
          purpose: 'ack',
          mask: GFP_ATOMIC,
          what: `an skb for the ACK of ${a.name}'s ${dev.name} writeout, which completes`,
          then: ackReceived(x, skb, a.index),
          failed: {
            name: 'drop',
            say: `the receiver has no memory at its floor for the ACK of ${a.name}'s writeout and drops it${retransmit ? '' : '; it is lost'}`,
            apply: setting(base + R_WO, retransmit ? WO_DROPPED : WO_LOST),
          },
        });
      }
    },
  };
}

function receivePacket(x: Exec, base: number, owner: string): void {
  allocate(x, {
    purpose: 'packet',
    mask: GFP_ATOMIC,
    to: base + R_HELD,
    what: `an skb for a packet to ${owner}`,
    then: setting(base + R_N, 2),
    failed: { name: 'drop', say: `the receiver drops a packet to ${owner}`, apply: setting(base + R_N, 0) },
  });
}

// Continuations are made by functions, not written inline in the attempts: see Exec.goOn.

/** Frees the skb that carried the ACK and completes the writer's writeout. */
function ackReceived(x: Exec, skb: number, writer: number): (d: Uint8Array) => void {
  return (d) => {
    x.move(d, skb, FREE);
    completeNetWrite(x, d, writer);
  };
}

/** Sets one byte of the state. */
function setting(at: number, value: number): (d: Uint8Array) => void {
  return (d) => {
    d[at] = value;
  };
}

/** The remote server resends an ACK that was dropped. */
export function retransmitter(device: number): Step {
  return {
    kind: 'retransmit',
    rest: idle,
    run(x) {
      resendAsyncAck(x, device);
      for (const a of x.world.actors) {
        x.serving = a.name;
        const base = x.world.layout.actor(a.index);
        if (x.s[base + R_WO] !== WO_DROPPED || x.s[base + R_WODEV] !== device) continue;
        const d = x.draft();
        d[base + R_WO] = WO_INFLIGHT;
        x.emit(d, 'retransmit', x.quiet ? '' : `the ${x.world.devices[device]!.name} server resends the ACK for ${a.name}'s writeout`);
      }
    },
  };
}

/** Traffic for another socket: send a packet, later read it (freeing its skb). */
export function otherTraffic(): Step {
  return {
    kind: 'traffic',
    rest: idle,
    run(x) {
      const state = x.reg(R_N);
      if (state === 1) return;
      const d = x.draft();
      if (state === 0) {
        x.set(d, R_N, 1);
        x.emit(d, 'send', x.quiet ? '' : `a packet for ${x.me.name}'s socket is on the wire`);
      } else {
        x.move(d, x.a + R_HELD, FREE);
        x.set(d, R_N, 0);
        x.emit(d, 'read', x.quiet ? '' : `${x.me.name} reads its packet; the skb is free`);
      }
    },
  };
}

