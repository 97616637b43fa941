/**
 * The direct network builder's state and passes (see network-direct.ts for the network's layout
 * and when it is used): pass 1 counts rows and columns and finds the capacity rows used, then the
 * arrays are allocated once, then pass 2 writes rows, supplies and arcs in the LP model's order.
 */
import type { FlowNetwork } from '../flow/types.js';
import { LATENCY_EPS_MS } from '../geo/haversine.js';
import { pricedCarbon } from '../scenario/carbon-signal.js';
import { valueAt, valueAtOr0 } from '../scenario/hourly.js';
import { linksByPair, unmetPenaltyOf } from '../scenario/lookups.js';
import { residencyAllows } from '../scenario/residency.js';
import { COMPUTE_CLASSES, type Scenario } from '../scenario/types.js';

/** Block kinds in {@link DirectNetwork.blockKind}. */
export const COL_X = 0;
export const COL_UNMET = 1;

/**
 * The network of a placement scenario, with what each arc and node stands for (typed arrays).
 * Columns come in blocks: the x columns of one demand in one hour (consecutive, sites ascending),
 * or one unmet column; block b holds columns blockStart[b] … blockStart[b + 1] − 1.
 */
export interface DirectNetwork {
  readonly net: FlowNetwork;
  /** Capacity arcs are 0 … capArcs − 1 (arc k belongs to capacity row k of the LP's capacity rows). */
  readonly capArcs: number;
  /** maxPerHour arcs follow the capacity arcs. */
  readonly mphArcs: number;
  /** Column j (LP column order) is arc firstColumnArc + j. */
  readonly firstColumnArc: number;
  /** Per capacity arc: site-class-hour key (site · 3 + class) · H + hour. */
  readonly capKey: Int32Array;
  /**
   * Per capacity arc: its tail (the capacity node; the head is the sink, the cost 0), a copy
   * that outlives `net` when `net`'s arrays are views into wasm memory.
   */
  readonly capSource: Int32Array;
  /** Number of column blocks. */
  readonly blocks: number;
  /** Per block (and one past the last): its first column. */
  readonly blockStart: Int32Array;
  /** Per block: {@link COL_X} or {@link COL_UNMET}. */
  readonly blockKind: Uint8Array;
  /** Per block: demand index (into the solved scenario). */
  readonly blockDemand: Int32Array;
  /** Per block: hour, −1 for the whole window (unmet of a deferrable demand). */
  readonly blockHour: Int32Array;
  /** Per column: site index (x), −1 for unmet. */
  readonly colSite: Int32Array;
  /** LP columns (x + unmet) and rows (demand + maxPerHour + capacity) of the equivalent LP. */
  readonly variables: number;
  readonly constraints: number;
}

/**
 * Where the builder writes the network's five arrays: a network of `nodes` nodes and `arcs` arcs
 * whose arrays may hold anything (the builder writes every entry), e.g. views into the solver's
 * wasm memory. Default: fresh typed arrays.
 */
export type NetworkArrays = ((nodes: number, arcs: number) => FlowNetwork) & {
  /**
   * Called before each later chunk of writes into the arrays (other code may have run in between):
   * for views into wasm memory, a reserve, so that every other user of that memory sees it changed.
   */
  readonly touch?: () => void;
};

/** Fresh typed arrays for a network. */
export const freshArrays: NetworkArrays = (nodes, arcs) => ({
  nodes,
  source: new Int32Array(arcs),
  target: new Int32Array(arcs),
  capacity: new Float64Array(arcs),
  cost: new Float64Array(arcs),
  supply: new Float64Array(nodes),
});

const CLASS_INDEX = { general: 0, intelligent: 1, super: 2 } as const;

/**
 * The builder's state between chunks. Plain methods over demand ranges with every array in a
 * local (V8 optimizes these far better than loops inside a generator or closures over its state).
 */
export class Builder {
  readonly H: number;
  readonly nS: number;
  readonly nD: number;
  readonly allowUnmet: boolean;
  readonly greenGlobal: boolean;
  readonly mu: number;
  /** Per demand: origin index, class index. */
  readonly originOf: Int32Array;
  readonly classOf: Int32Array;
  /** Per origin × site: transfer price, and whether a bandwidth row would follow. */
  readonly perGBOf: Float64Array;
  readonly bandwidth: Uint8Array;
  readonly anyBandwidth: boolean;
  /** Per site × class: whether the class is offered. */
  readonly offered: Uint8Array;
  /** Per site-class-hour: capacity (NaN where the class is not offered). */
  readonly capAt: Float64Array;
  /** Per site-class-hour: unit + kWh · price, and carbon price · kWh · grid factor / 1000 (unitCostAt's terms). */
  readonly baseCost: Float64Array;
  readonly carbonCost: Float64Array;
  /** Per site-hour: green supply > 0 (only when green columns would exist). */
  readonly greenAt: Uint8Array;
  readonly sIdx: Map<string, number>;
  readonly mark: Uint8Array;
  // Pass 1.
  readonly siteStart: Int32Array;
  sites: Int32Array;
  sitesLength = 0;
  readonly capUsed: Uint8Array;
  demandRows = 0;
  mphRows = 0;
  cols = 0;
  blocks = 0;
  // Pass 1, for the size estimate (countModel's figures, which over-count a little: see modelCounts).
  unmetCols = 0;
  mphHours = 0;
  /** Per site × class: some demand with columns can use the site (countModel's usedSiteClass). */
  readonly usedSiteClass: Uint8Array;
  /** Per site: its columns (countModel's perSite; only when green columns could exist). */
  readonly perSite: Float64Array;
  /** Columns of demands with a `maxPerHour` window (countModel's mphNonzeros). */
  mphNonzeros = 0;
  // Pass 2.
  capRows = 0;
  firstColumnArc = 0;
  capNode = new Int32Array(0);
  capKey = new Int32Array(0);
  capSource = new Int32Array(0);
  net: FlowNetwork | null = null;
  supply: Float64Array = new Float64Array(0);
  src: Int32Array = new Int32Array(0);
  dst: Int32Array = new Int32Array(0);
  cap: Float64Array = new Float64Array(0);
  cost: Float64Array = new Float64Array(0);
  colSite = new Int32Array(0);
  blockStart = new Int32Array(0);
  blockKind = new Uint8Array(0);
  blockDemand = new Int32Array(0);
  blockHour = new Int32Array(0);
  row = 0;
  total = 0;
  mphArcs = 0;
  j = 0;
  b = 0;

  constructor(
    readonly sc: Scenario,
    readonly latency: Float64Array,
    readonly arrays: NetworkArrays = freshArrays,
  ) {
    const H = (this.H = sc.horizonHours);
    const policy = sc.policy ?? {};
    this.mu = policy.maxUtilization ?? 1;
    this.allowUnmet = policy.allowUnmet ?? true;
    const market = (policy.carbonAccounting ?? 'market') === 'market';
    const cp = sc.prices.carbonPerTonne;
    // Green columns exist (a coupling) where green supply can change cost (placement.ts needsGreenColumns).
    this.greenGlobal = market && cp > 0;
    const nS = (this.nS = sc.sites.length);
    const nD = (this.nD = sc.demands.length);
    const NC = COMPUTE_CLASSES.length;
    const oIdx = new Map(sc.origins.map((o, i) => [o.id, i]));
    this.sIdx = new Map(sc.sites.map((x, i) => [x.id, i]));
    const nO = sc.origins.length;
    this.originOf = new Int32Array(nD);
    this.classOf = new Int32Array(nD);
    for (let d = 0; d < nD; d++) {
      const dem = sc.demands[d]!;
      this.originOf[d] = oIdx.get(dem.origin)!;
      this.classOf[d] = CLASS_INDEX[dem.class];
    }
    this.perGBOf = new Float64Array(nO * nS).fill(sc.prices.transferPerGB);
    this.bandwidth = new Uint8Array(nO * nS);
    let anyBw = false;
    for (const [pair, l] of linksByPair(sc)) {
      if (l.costPerGB !== undefined) this.perGBOf[pair] = l.costPerGB;
      if (l.bandwidthGbps !== undefined) {
        this.bandwidth[pair] = 1;
        anyBw = true;
      }
    }
    this.anyBandwidth = anyBw;
    this.offered = new Uint8Array(nS * NC);
    this.capAt = new Float64Array(nS * NC * H);
    this.baseCost = new Float64Array(nS * NC * H);
    this.carbonCost = new Float64Array(nS * NC * H);
    this.greenAt = new Uint8Array(this.greenGlobal ? nS * H : 0);
    for (let s = 0; s < nS; s++) {
      const site = sc.sites[s]!;
      for (let c = 0; c < NC; c++) {
        const cls = COMPUTE_CLASSES[c]!;
        const hourly = site.capacity[cls];
        const kWh = site.pue * (site.powerKW[cls] ?? 0);
        const unit = site.unitCost[cls] ?? 0;
        const cpk = cp * kWh;
        const carbon = pricedCarbon(sc, site);
        if (hourly !== undefined) this.offered[s * NC + c] = 1;
        for (let t = 0; t < H; t++) {
          const key = (s * NC + c) * H + t;
          this.capAt[key] = hourly === undefined ? NaN : valueAt(hourly, t);
          // unitCostAt, operation for operation: ((unit + kWh·price) + data·perGB) + cp·kWh·carbon / 1000.
          this.baseCost[key] = unit + kWh * valueAt(site.electricityPrice, t);
          this.carbonCost[key] = (cpk * valueAt(carbon, t)) / 1000;
        }
      }
      if (this.greenGlobal) for (let t = 0; t < H; t++) this.greenAt[s * H + t] = valueAtOr0(site.greenSupplyMW, t) > 0 ? 1 : 0;
    }
    this.mark = new Uint8Array(nS);
    this.siteStart = new Int32Array(nD + 1);
    this.sites = new Int32Array(Math.max(1024, Math.min(nD * nS, 1 << 22)) + nS + 1);
    this.capUsed = new Uint8Array(nS * NC * H);
    this.usedSiteClass = new Uint8Array(nS * NC);
    this.perSite = new Float64Array(this.greenGlobal ? nS : 0);
  }

  /** Marks the allowed sites of a demand in `mark` (when it lists them). */
  private markAllowed(ids: readonly string[]): void {
    const mark = this.mark;
    mark.fill(0);
    for (const id of ids) {
      const s = this.sIdx.get(id);
      if (s !== undefined) mark[s] = 1;
    }
  }

  /** Pass 1 over demands d0 … d1 − 1: usable sites, row and column counts, capacity keys used; or why the model is no network. */
  count(d0: number, d1: number): string | undefined {
    const { sc, H, nS, latency, offered, capAt, bandwidth, anyBandwidth, greenGlobal, greenAt, capUsed, mark, originOf, classOf, siteStart, usedSiteClass, perSite } = this;
    const NC = 3;
    const allowUnmet = this.allowUnmet;
    let cols = this.cols;
    let unmetCols = this.unmetCols;
    let mphHours = this.mphHours;
    let demandRows = this.demandRows;
    let mphRows = this.mphRows;
    let blocks = this.blocks;
    for (let d = d0; d < d1; d++) {
      const dem = sc.demands[d]!;
      const o = originOf[d]!;
      const ci = classOf[d]!;
      const limit = dem.maxLatencyMs + LATENCY_EPS_MS;
      const data = dem.dataGBPerUnit ?? 0;
      const allowed = dem.allowedSites;
      if (allowed) this.markAllowed(allowed);
      const residency = dem.residency;
      // Room for every site up front, then plain writes (no call per site).
      if (this.sitesLength + nS + 1 > this.sites.length) {
        const next = new Int32Array(Math.max(2 * this.sites.length, this.sitesLength + nS + 1));
        next.set(this.sites.subarray(0, this.sitesLength));
        this.sites = next;
      }
      const sd = this.sites;
      let len = this.sitesLength;
      siteStart[d] = len;
      const row = o * nS;
      for (let s = 0; s < nS; s++) {
        if (offered[s * NC + ci] === 0 || (allowed && mark[s] === 0)) continue;
        if (residency && !residencyAllows(residency, sc.sites[s]!)) continue;
        const ok = latency[row + s]! <= limit;
        if (anyBandwidth && ok && bandwidth[row + s] === 1 && data > 0) return 'link-bandwidth rows';
        // Branch-free append (a dense reach makes the latency test unpredictable).
        sd[len] = s;
        len += ok ? 1 : 0;
      }
      this.sitesLength = len;
      const s0 = siteStart[d]!;
      const s1 = len;
      const w = dem.window;
      const t0 = w ? w.release : 0;
      const t1 = w ? w.deadline : H;
      let hoursUsed = 0;
      let demandCols = 0;
      for (let t = t0; t < t1; t++) {
        if (!w && !(valueAt(dem.amount, t) > 0)) continue;
        hoursUsed++;
        let hc = 0;
        for (let k = s0; k < s1; k++) {
          const s = sd[k]!;
          const key = (s * NC + ci) * H + t;
          if (capAt[key]! <= 0) continue;
          if (greenGlobal) {
            if (greenAt[s * H + t] === 1) return "green supply rows (a site's energy is shared by its classes)";
            perSite[s]!++;
          }
          capUsed[key] = 1;
          hc++;
        }
        cols += hc;
        demandCols += hc;
        if (hc > 0) blocks++;
        if (w && w.maxPerHour !== undefined && hc > 0) mphRows++;
      }
      if (demandCols > 0) for (let k = s0; k < s1; k++) usedSiteClass[sd[k]! * NC + ci] = 1;
      if (w) {
        demandRows++;
        if (w.maxPerHour !== undefined) {
          mphHours += t1 - t0;
          this.mphNonzeros += demandCols;
        }
        if (allowUnmet) {
          cols++;
          unmetCols++;
          blocks++;
        }
      } else {
        demandRows += hoursUsed;
        if (allowUnmet) {
          cols += hoursUsed;
          unmetCols += hoursUsed;
          blocks += hoursUsed;
        }
      }
    }
    this.cols = cols;
    this.unmetCols = unmetCols;
    this.mphHours = mphHours;
    this.demandRows = demandRows;
    this.mphRows = mphRows;
    this.blocks = blocks;
    return undefined;
  }

  /** Numbers the capacity rows (after all demand and maxPerHour rows, in key order), allocates the arrays and writes the capacity arcs. */
  allocate(): void {
    const { capUsed, capAt, mu } = this;
    this.siteStart[this.nD] = this.sitesLength;
    const firstCapRow = this.demandRows + this.mphRows;
    const capNode = (this.capNode = new Int32Array(capUsed.length));
    let capRows = 0;
    for (let key = 0; key < capUsed.length; key++) if (capUsed[key] === 1) capNode[key] = 1 + firstCapRow + capRows++;
    this.capRows = capRows;
    const nRows = firstCapRow + capRows;
    const firstColumnArc = (this.firstColumnArc = capRows + this.mphRows);
    const nArcs = firstColumnArc + this.cols;
    const net = (this.net = this.arrays(1 + nRows, nArcs));
    // Every entry is written below or in fill(); the zeros first (the arrays may hold anything).
    (this.supply = net.supply).fill(0);
    const src = (this.src = net.source);
    const dst = (this.dst = net.target);
    const cap = (this.cap = net.capacity);
    const cost = (this.cost = net.cost);
    cost.fill(0, capRows, firstColumnArc);
    this.colSite = new Int32Array(this.cols);
    this.blockStart = new Int32Array(this.blocks + 1);
    this.blockKind = new Uint8Array(this.blocks);
    this.blockDemand = new Int32Array(this.blocks);
    this.blockHour = new Int32Array(this.blocks);
    cap.fill(Infinity, firstColumnArc, nArcs);
    // Capacity arcs first (arc k = capacity row k), as modelToNetwork numbers them.
    const capKey = (this.capKey = new Int32Array(capRows));
    const capSource = (this.capSource = new Int32Array(capRows));
    for (let key = 0, k = 0; key < capUsed.length; key++) {
      if (capUsed[key] !== 1) continue;
      capKey[k] = key;
      capSource[k] = capNode[key]!;
      src[k] = capNode[key]!;
      dst[k] = 0;
      cap[k] = capAt[key]! * mu;
      cost[k] = 0;
      k++;
    }
  }

  /** Opens a block of columns at column j. */
  private block(kind: number, d: number, t: number): void {
    const b = this.b++;
    this.blockStart[b] = this.j;
    this.blockKind[b] = kind;
    this.blockDemand[b] = d;
    this.blockHour[b] = t;
  }

  /** The unmet column of demand d (hour t, −1 for a window) from node `from`, at the penalty. */
  private unmetColumn(d: number, t: number, from: number, penalty: number): void {
    this.block(COL_UNMET, d, t);
    const j = this.j++;
    this.colSite[j] = -1;
    const a = this.firstColumnArc + j;
    this.src[a] = from;
    this.dst[a] = 0;
    this.cost[a] = penalty;
  }

  /** The x columns of demand d in hour t from node `from` (a block when there is any). */
  private xColumns(d: number, t: number, from: number, data: number): void {
    const { H, siteStart, sites, capAt, baseCost, carbonCost, perGBOf, capNode, colSite, src, dst, cost } = this;
    const ci = this.classOf[d]!;
    const row = this.originOf[d]! * this.nS;
    const s0 = siteStart[d]!;
    const s1 = siteStart[d + 1]!;
    const first = this.j;
    const base = this.firstColumnArc;
    let j = first;
    for (let k = s0; k < s1; k++) {
      const s = sites[k]!;
      const key = (s * 3 + ci) * H + t;
      if (capAt[key]! <= 0) continue;
      colSite[j] = s;
      const a = base + j++;
      src[a] = from;
      dst[a] = capNode[key]!;
      cost[a] = baseCost[key]! + data * perGBOf[row + s]! + carbonCost[key]!;
    }
    if (j > first) {
      this.j = first;
      this.block(COL_X, d, t);
      this.j = j;
    }
  }

  /**
   * Pass 2 over demands d0 … d1 − 1: per demand its rows in LP order (demand row(s), maxPerHour
   * rows), their supplies and maxPerHour arcs, and its columns in LP order (x per hour and site,
   * then unmet).
   */
  fill(d0: number, d1: number): void {
    this.arrays.touch?.();
    const { sc, H, siteStart, sites, capAt, supply, src, dst, cap } = this;
    const allowUnmet = this.allowUnmet;
    for (let d = d0; d < d1; d++) {
      const dem = sc.demands[d]!;
      const ci = this.classOf[d]!;
      const data = dem.dataGBPerUnit ?? 0;
      const w = dem.window;
      const penalty = unmetPenaltyOf(sc, dem.class);
      if (w) {
        const demandNode = 1 + this.row++;
        const W = dem.amount as number;
        supply[demandNode] = W;
        this.total += W;
        const mph = w.maxPerHour;
        const s0 = siteStart[d]!;
        const s1 = siteStart[d + 1]!;
        for (let t = w.release; t < w.deadline; t++) {
          let tail = demandNode;
          // The maxPerHour row of an hour exists only when the hour has columns.
          if (mph !== undefined) {
            let hc = 0;
            for (let k = s0; k < s1 && hc === 0; k++) if (capAt[(sites[k]! * 3 + ci) * H + t]! > 0) hc++;
            if (hc > 0) {
              tail = 1 + this.row++;
              const a = this.capRows + this.mphArcs++;
              src[a] = demandNode;
              dst[a] = tail;
              cap[a] = mph;
            }
          }
          this.xColumns(d, t, tail, data);
        }
        if (allowUnmet) this.unmetColumn(d, -1, demandNode, penalty);
      } else {
        const firstRow = this.row;
        for (let t = 0; t < H; t++) {
          const a = valueAt(dem.amount, t);
          if (!(a > 0)) continue;
          const node = 1 + this.row++;
          supply[node] = a;
          this.total += a;
          this.xColumns(d, t, node, data);
        }
        if (allowUnmet) {
          let r = firstRow;
          for (let t = 0; t < H; t++) if (valueAt(dem.amount, t) > 0) this.unmetColumn(d, t, 1 + r++, penalty);
        }
      }
    }
  }

  /** The network, once every demand is filled. */
  result(): DirectNetwork {
    this.arrays.touch?.();
    this.blockStart[this.b] = this.j;
    this.supply[0] = -this.total;
    const net = this.net!;
    return {
      net,
      capArcs: this.capRows,
      capSource: this.capSource,
      mphArcs: this.mphArcs,
      firstColumnArc: this.firstColumnArc,
      capKey: this.capKey,
      blocks: this.b,
      blockStart: this.blockStart,
      blockKind: this.blockKind,
      blockDemand: this.blockDemand,
      blockHour: this.blockHour,
      colSite: this.colSite,
      variables: this.cols,
      constraints: net.nodes - 1,
    };
  }
}
