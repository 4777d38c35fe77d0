// Rolling history of metrics snapshots, shaped as uPlot data columns.

export function snapshotTime(s) {
  const t = s?.timestamp;
  if (typeof t === 'number') return t > 1e12 ? t / 1000 : t > 1e9 ? t : Date.now() / 1000;
  if (typeof t === 'string') {
    const ms = Date.parse(t);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  return Date.now() / 1000;
}

const num = (v) => (Number.isFinite(Number(v)) && v !== null ? Number(v) : null);

export class MetricsHistory {
  constructor(capacity = 600) {
    this.capacity = capacity;
    this.rows = [];
  }

  /** Add a snapshot; a snapshot with the same or older timestamp replaces nothing. */
  push(s) {
    const t = snapshotTime(s);
    const last = this.rows[this.rows.length - 1];
    if (last && t <= last.t) return false;
    const l = s?.latency_ms ?? {};
    this.rows.push({
      t,
      throughput: num(s?.throughput_per_s),
      qw50: num(l.queue_wait?.p50),
      qw99: num(l.queue_wait?.p99),
      pr50: num(l.processing?.p50),
      pr99: num(l.processing?.p99),
      de50: num(l.delivery?.p50),
      de99: num(l.delivery?.p99),
    });
    if (this.rows.length > this.capacity) this.rows.splice(0, this.rows.length - this.capacity);
    return true;
  }

  throughputData() {
    return [this.rows.map((r) => r.t), this.rows.map((r) => r.throughput)];
  }

  latencyData() {
    const col = (k) => this.rows.map((r) => r[k]);
    return [col('t'), col('qw50'), col('qw99'), col('pr50'), col('pr99'), col('de50'), col('de99')];
  }
}
