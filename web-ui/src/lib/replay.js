// Replays parsed transcript turns into a conversation at a chosen pace. Turns
// are sent one after another (each POST awaited) so the server assigns seqs in
// transcript order; the next send waits for its slot t0 + i / pace.

export class Replay {
  /**
   * @param {object} o
   * @param {object[]} o.turns parsed turns {speaker, raw_text}
   * @param {number} o.pace turns per second (> 0)
   * @param {(turn:object, index:number)=>Promise<any>} o.send
   * @param {(p:{sent:number,total:number,failed:number,done:boolean,stopped:boolean})=>void} [o.onProgress]
   * @param {()=>number} [o.now]
   * @param {(ms:number)=>Promise<void>} [o.sleep]
   */
  constructor(o) {
    this.turns = o.turns;
    this.pace = Math.max(0.01, Number(o.pace) || 1);
    this.send = o.send;
    this.onProgress = o.onProgress ?? (() => {});
    this.now = o.now ?? (() => performance.now());
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.stopped = false;
    this.progress = { sent: 0, total: this.turns.length, failed: 0, done: false, stopped: false };
  }

  stop() {
    this.stopped = true;
  }

  async run() {
    const t0 = this.now();
    const interval = 1000 / this.pace;
    for (let i = 0; i < this.turns.length; i++) {
      if (this.stopped) break;
      const wait = t0 + i * interval - this.now();
      if (wait > 0) await this.sleep(wait);
      if (this.stopped) break;
      try {
        await this.send(this.turns[i], i);
        this.progress.sent++;
      } catch (e) {
        this.progress.failed++;
        this.progress.lastError = e.message;
      }
      this.onProgress({ ...this.progress });
    }
    this.progress.done = true;
    this.progress.stopped = this.stopped;
    this.onProgress({ ...this.progress });
    return this.progress;
  }
}
