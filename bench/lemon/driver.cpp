// Native reference for the min-cost-flow benchmark: LEMON's NetworkSimplex (block search) on an
// integer DIMACS min-cost-flow file. Integer data on purpose: LEMON's simplex may cycle on float
// costs, so bench/lemon.ts scales costs and flows to integers first, as DIMACS tools do.
//
//   lemon-driver FILE [K] [ns|cs]   (ns: NetworkSimplex, block search, the default; cs: CostScaling)  ->  one JSON line on stdout (K runs, median solveMs, all samples):
//   {"status","objective" (integer Σ cost·flow),"flowSum" (Σ arc flow),"solveMs","cpuMs" (median CPU time),"buildMs","nodes","arcs","samples"}
//
// Build: g++ -O2 -std=c++17 -o lemon-driver driver.cpp   (header-only use of liblemon-dev)
#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using Graph = lemon::SmartDigraph;
using Int = long long;
using Simplex = lemon::NetworkSimplex<Graph, Int, Int>;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

[[noreturn]] static void fail(const std::string& msg) {
  std::fprintf(stderr, "lemon-driver: %s\n", msg.c_str());
  std::exit(2);
}

struct Arc { int u, v; Int low, cap, cost; };

static std::string toString(__int128 x) {
  if (x == 0) return "0";
  const bool neg = x < 0;
  std::string s;
  for (; x != 0; x /= 10) s.insert(s.begin(), static_cast<char>('0' + (neg ? -(x % 10) : x % 10)));
  return neg ? "-" + s : s;
}

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) fail("usage: lemon-driver FILE.dimacs [REPEATS] [ns|cs]");
  const int repeats = argc >= 3 ? std::atoi(argv[2]) : 1;
  const bool costScaling = argc == 4 && std::strcmp(argv[3], "cs") == 0;
  if (argc == 4 && !costScaling && std::strcmp(argv[3], "ns") != 0) fail("algorithm must be ns or cs");
  if (repeats < 1) fail("REPEATS must be >= 1");

  // Parse into plain vectors first so that buildMs measures graph construction, not file I/O.
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) fail(std::string("cannot open ") + argv[1]);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  long n = -1, m = -1;
  std::vector<Int> supply;
  std::vector<Arc> arcs;
  const char* p = text.c_str();
  while (*p) {
    const char* eol = std::strchr(p, '\n');
    if (!eol) eol = p + std::strlen(p);
    char* q = nullptr;
    if (*p == 'p') {
      char kind[8] = {0};
      if (std::sscanf(p, "p %7s %ld %ld", kind, &n, &m) != 3 || std::strcmp(kind, "min") != 0 || n < 0 || m < 0)
        fail("bad problem line (expected 'p min N M')");
      supply.assign(n, 0);
      arcs.reserve(m);
    } else if (*p == 'n' || *p == 'a') {
      if (n < 0) fail("node or arc line before the problem line");
      if (*p == 'n') {
        const long id = std::strtol(p + 1, &q, 10);
        if (id < 1 || id > n) fail("node id out of range");
        supply[id - 1] = std::strtoll(q, &q, 10);
      } else {
        Arc a;
        a.u = static_cast<int>(std::strtol(p + 1, &q, 10));
        a.v = static_cast<int>(std::strtol(q, &q, 10));
        a.low = std::strtoll(q, &q, 10);
        a.cap = std::strtoll(q, &q, 10);
        a.cost = std::strtoll(q, &q, 10);
        if (a.u < 1 || a.u > n || a.v < 1 || a.v > n) fail("arc end out of range");
        arcs.push_back(a);
      }
    } else if (*p != 'c' && *p != '\n' && *p != '\r') {
      fail("unknown line type");
    }
    p = *eol ? eol + 1 : eol;
  }
  if (n < 0) fail("no problem line");
  if (static_cast<long>(arcs.size()) != m) fail("arc count differs from the problem line");
  // Balanced supplies make LEMON's default GEQ supply type the equality form that suanflow solves.
  Int supplySum = 0;
  for (Int b : supply) supplySum += b;
  if (supplySum != 0) fail("supplies must sum to 0");

  const auto tBuild = Clock::now();
  Graph g;
  g.reserveNode(static_cast<int>(n));
  g.reserveArc(static_cast<int>(m));
  std::vector<Graph::Node> node(n);
  for (long i = 0; i < n; ++i) node[i] = g.addNode();
  Graph::ArcMap<Int> lower(g), upper(g), cost(g);
  Graph::NodeMap<Int> sup(g);
  for (long i = 0; i < n; ++i) sup[node[i]] = supply[i];
  for (const Arc& a : arcs) {
    const Graph::Arc e = g.addArc(node[a.u - 1], node[a.v - 1]);
    lower[e] = a.low;
    upper[e] = a.cap;
    cost[e] = a.cost;
  }
  const double buildMs = msSince(tBuild);

  std::vector<double> samples;
  std::vector<double> cpuSamples; // process CPU time of each run (std::clock), less moved by other load
  Simplex::ProblemType status = Simplex::OPTIMAL;
  __int128 objective = 0;
  __int128 flowSum = 0;
  for (int k = 0; k < repeats; ++k) {
    // A fresh object per run: nothing cached from the previous solve.
    Simplex ns(g);
    lemon::CostScaling<Graph, Int, Int> cs(g);
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    if (costScaling) {
      cs.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(sup);
      const auto r = cs.run();
      status = r == lemon::CostScaling<Graph, Int, Int>::OPTIMAL ? Simplex::OPTIMAL : r == lemon::CostScaling<Graph, Int, Int>::INFEASIBLE ? Simplex::INFEASIBLE : Simplex::UNBOUNDED;
    } else {
      ns.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(sup);
      status = ns.run(Simplex::BLOCK_SEARCH);
    }
    samples.push_back(msSince(t0));
    cpuSamples.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    if (status == Simplex::OPTIMAL) {
      // Summed in 128 bits: Σ cost·flow may pass int64 even where every pivot stays within it.
      // Σ flow of this optimum bounds how far cost rounding can move the objective.
      objective = 0;
      flowSum = 0;
      for (Graph::ArcIt e(g); e != lemon::INVALID; ++e) {
        const Int f = costScaling ? cs.flow(e) : ns.flow(e);
        objective += static_cast<__int128>(f) * cost[e];
        flowSum += f;
      }
    }
  }
  std::vector<double> sorted(samples);
  std::sort(sorted.begin(), sorted.end());
  const std::size_t h = sorted.size() / 2;
  const double median = sorted.size() % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  std::sort(cpuSamples.begin(), cpuSamples.end());
  const double cpuMedian = cpuSamples.size() % 2 ? cpuSamples[h] : (cpuSamples[h - 1] + cpuSamples[h]) / 2;

  const char* statusName = status == Simplex::OPTIMAL ? "optimal" : status == Simplex::INFEASIBLE ? "infeasible" : "unbounded";
  std::printf("{\"status\":\"%s\",\"objective\":", statusName);
  if (status == Simplex::OPTIMAL) std::printf("%s,\"flowSum\":%s", toString(objective).c_str(), toString(flowSum).c_str());
  else std::printf("null,\"flowSum\":null");
  std::printf(",\"solveMs\":%.4f,\"cpuMs\":%.4f,\"buildMs\":%.4f,\"nodes\":%ld,\"arcs\":%ld,\"samples\":[", median, cpuMedian, buildMs, n, m);
  for (std::size_t i = 0; i < samples.size(); ++i) std::printf("%s%.4f", i ? "," : "", samples[i]);
  std::printf("]}\n");
  return 0;
}
