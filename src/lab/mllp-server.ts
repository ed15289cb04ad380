import type { RunningServer } from './document-server.js';
import { startSocketServer } from './socket-server.js';

/**
 * An HL7 v2 MLLP listener like the interface engines of practice software: it answers every
 * framed message with an ACK (MSA|AA) carrying the message's control id. 'allow-list' is the
 * fixed twin: connections from senders not on the list are dropped without a byte, the way an
 * engine with an IP allow-list behaves.
 */
export interface MllpServerOptions {
  host: string;
  port: number;
  mode: 'open' | 'allow-list';
  /** Sending applications (MSH-3) that are answered under 'allow-list'. */
  allowedSenders?: readonly string[];
}

const START = 0x0b;
const END = Buffer.from([0x1c, 0x0d]);
const MAX_MESSAGE = 64 * 1024;

export function startMllpServer(opts: MllpServerOptions): Promise<RunningServer> {
  return startSocketServer(opts.host, opts.port, (socket) => {
    socket.setTimeout(10_000, () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > MAX_MESSAGE) return socket.destroy();
      let end: number;
      while ((end = buffered.indexOf(END)) !== -1) {
        const frame = buffered.subarray(buffered[0] === START ? 1 : 0, end).toString('latin1');
        buffered = buffered.subarray(end + END.length);
        const reply = answer(frame, opts);
        if (reply === null) return socket.destroy();
        socket.write(reply);
      }
    });
  });
}

function answer(message: string, opts: MllpServerOptions): Buffer | null {
  const msh = message.split('\r')[0]?.split('|') ?? [];
  if (msh[0] !== 'MSH') return null;
  const sender = msh[2] ?? '';
  if (opts.mode === 'allow-list' && !(opts.allowedSenders ?? []).includes(sender)) return null;
  const controlId = msh[9] ?? '';
  const ts = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const ack = `MSH|^~\\&|PRAXIS-KIS|PRAXIS|${sender}|${msh[3] ?? ''}|${ts}||ACK|LAB${ts}|P|2.3\rMSA|AA|${controlId}\r`;
  return Buffer.concat([Buffer.from([START]), Buffer.from(ack, 'latin1'), END]);
}
