package io.swapflex.optimizer.reference;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact per-bay formulation of the station problem, built as an ojalgo model. It is the project's oracle for small
 * stations: every rule of CONTRACT.md is a constraint here, with continuous power and SOC (nothing is discretised).
 *
 * <pre>
 * Sets      B bays (type k(b)), T slots, K pack types, F firm requests, O offers (non-firm), W(r) = [from_r, to_r)
 * Data      Δ slot hours; cap, P⁺, P⁻, ηc, ηd, minSoc, maxSoc, ready, ret, deg of each bay's type; e⁰_b initial SOC;
 *           D[k,t] swap demand; πi[t], πe[t] prices; L⁺, L⁻ import/export limits; A active-bay limit; base[t] load;
 *           X_r, R_r request kW and reward; P_k unserved-swap penalty of type k; V_k end value per kWh; N_k
 *           minReadyAtEnd; Mi = max base + Σ_b P⁺_b (largest import)
 *
 * Variables (b ∈ B, t ∈ T)
 *   pc[b,t] ∈ [0, P⁺]   charging power, kW          pd[b,t] ∈ [0, P⁻]  discharging power, kW
 *   c[b,t], d[b,t], s[b,t] ∈ {0,1}  charge / discharge / swap-out modes
 *   e[b,t] ∈ [0,1]  SOC at the start of slot t, t = 0..|T|, e[b,0] = e⁰_b
 *   imp[t] ∈ [0, Mi], exp[t] ∈ [0, L⁻], g[t] ∈ {0,1} meter direction (1 = import)
 *   ec, ed, ew, es [b,t] ∈ [0,1]  the SOC e[b,t] held in charge, discharge, wait or swap mode (e[b,t] in the
 *                                 slot's mode, 0 in the others); es is what the rider takes away
 *   u[k,t] ≥ 0 unserved swaps;  a[r] ∈ {0,1} offer accepted;  σ[r,t] ≥ 0 firm shortfall;  ω[t] ≥ 0 import overflow
 *   y[b] ∈ {0,1} bay b ends swap-ready (types with N_k &gt; 0);  ψ[k] ≥ 0 end readiness shortfall
 *
 * min  Σ_t Δ (πi[t] imp[t] − πe[t] exp[t]) + Σ_{b,t} deg Δ (pc + pd) + Σ_{k,t} P_k u[k,t]
 *      − Σ_{r∈O} R_r X_r Δ |W(r)| a[r] − Σ_{r∈F} R_r X_r Δ |W(r)|  + H (Σ σ + Σ ω + Σ ψ)
 *      − Σ_b V_k cap (e[b,|T|] − minSoc)
 *
 * s.t. pc ≤ P⁺ c,  pd ≤ P⁻ d,  c + d + s ≤ 1                                         (1 power, one mode)
 *      e[t] = ec + ed + ew + es,  0 ≤ ec ≤ c, 0 ≤ ed ≤ d, 0 ≤ es ≤ s, 0 ≤ ew ≤ 1 − c − d − s   (mode split of SOC)
 *      e[t+1] = e[t] − es + ret·s + (ηc Δ / cap) pc − (Δ / (ηd cap)) pd                (2 dynamics)
 *      es ≥ ready·s                                                                    (2 only a ready pack goes out)
 *      lo·(1 − c − d − s) ≤ ew ≤ hi·(1 − c − d − s),  ec ≥ lo·c   with lo, hi the least and most SOC the bay can ever
 *      have (min / max of its start, minSoc or maxSoc, ret): valid, and they stop the LP mixing in an empty pack
 *      ec + (ηc Δ / cap) pc ≤ maxSoc·c,   ed − (Δ / (ηd cap)) pd ≥ minSoc·d               (3 SOC band)
 *      Σ_{b: k(b)=k} s[b,t] + u[k,t] = D[k,t]                                         (4 swap demand)
 *      Σ_b (c + d) ≤ A                                                                  (5 active bays)
 *      imp − exp − Σ_b (pc − pd) = base[t],  imp ≤ L⁺ + ω,  imp ≤ Mi g,  exp ≤ L⁻(1 − g)  (6 grid, one direction)
 *      exp − imp + σ[r,t] ≥ X_r                    r ∈ F, t ∈ W(r)                       (7 firm requests)
 *      exp ≥ X_r a[r],  imp ≤ Mi (1 − a[r])         r ∈ O, t ∈ W(r)                       (7 accepted offers)
 *      e[b,|T|] ≥ ready·y[b],  Σ_{b: k(b)=k} y[b] + ψ[k] ≥ N_k                          (9 end readiness)
 * </pre>
 * The mode split is the convex hull of each slot's disjunction "charge, discharge, wait or swap" (a disjunctive
 * formulation): with binary modes it says exactly what the contract says, and in the LP a bay that is 30 % discharging
 * must hold 30 % of a pack above minSoc for it, instead of discharging below the band for free as big-M rows allow
 * (measured: the root bound of the 3-bay demo rose from 31.4 to 39.5 with tighter rows, and further with the hull).
 * The band rows let a
 * pack outside [minSoc, maxSoc] wait, and move only towards the band, as the contract says. The elastic variables σ and ω,
 * priced at H = {@value #HARD_RULE_PENALTY} per kW, make every problem solvable: when they are non-zero at the optimum,
 * no plan meets the hard rules and the plan is the best compromise (status INFEASIBLE). The firm rewards are a constant.
 */
public final class ReferenceMipModel {

    /** Price of one kW of firm-request shortfall or import-limit overflow in one slot: far above any real price. */
    static final double HARD_RULE_PENALTY = 1e6;

    final Problem problem;
    public final ExpressionsBasedModel model = new ExpressionsBasedModel();
    final Variable[][] pc;
    final Variable[][] pd;
    final Variable[][] c;
    final Variable[][] d;
    final Variable[][] s;
    final Variable[][] e;
    final Variable[] offerAccepted;
    final Variable[] imp;
    final Variable[] exp;
    final List<DispatchRequest> offers = new ArrayList<>();
    final List<Variable> elastic = new ArrayList<>();
    /** The binaries in branching order: offers and swaps first (they shape everything), then meters, then modes. */
    final List<Variable> swaps = new ArrayList<>();
    final List<Variable> modes = new ArrayList<>();
    final List<Variable> meters = new ArrayList<>();
    /** An end readiness binary y[b]: the bay it belongs to, its pack type and that type's swap-ready SOC. */
    record ReadyFlag(Variable y, int bay, PackType type) {
    }

    /** The end readiness binaries, one per bay of a type with a readiness rule. */
    final List<ReadyFlag> readyFlags = new ArrayList<>();
    /** Objective terms that are constant: the rewards of firm requests (negative cost), Σ_b V_k·cap·minSoc. */
    public final double constant;

    public ReferenceMipModel(Problem problem) {
        this.problem = problem;
        double endValueConstant = 0;
        int slots = problem.slots();
        double dt = problem.slotHours();
        List<Bay> bays = problem.bays();
        int n = bays.size();
        pc = new Variable[n][slots];
        pd = new Variable[n][slots];
        c = new Variable[n][slots];
        d = new Variable[n][slots];
        s = new Variable[n][slots];
        e = new Variable[n][slots + 1];
        double maxImport = 0;
        for (int b = 0; b < n; b++) {
            maxImport += problem.packType(bays.get(b).packType()).maxChargeKw();
        }
        double maxBase = 0;
        for (int t = 0; t < slots; t++) {
            maxBase = Math.max(maxBase, problem.site().baseLoadKw(t));
        }
        // The meter never needs to import more than the limit, unless the base load alone is above it.
        maxImport = Math.min(maxImport + maxBase, Math.max(problem.site().gridImportLimitKw(), maxBase));

        for (int b = 0; b < n; b++) {
            Bay bay = bays.get(b);
            PackType k = problem.packType(bay.packType());
            double deg = k.degradationCost() * dt;
            e[b][0] = model.addVariable("e_" + b + "_0").level(bay.soc());
            endValueConstant += k.endValue() * k.capacityKwh() * k.minSoc();
            // Charging stops at maxSoc, discharging at minSoc, swaps return ret: no SOC outside these and the start.
            double lowest = Math.min(bay.soc(), Math.min(k.minSoc(), k.returnSoc()));
            double highest = Math.max(bay.soc(), Math.max(k.maxSoc(), k.returnSoc()));
            for (int t = 0; t < slots; t++) {
                pc[b][t] = model.addVariable("pc_" + b + "_" + t).lower(0).upper(k.maxChargeKw()).weight(deg);
                pd[b][t] = model.addVariable("pd_" + b + "_" + t).lower(0).upper(k.maxDischargeKw()).weight(deg);
                c[b][t] = model.addVariable("c_" + b + "_" + t).binary();
                d[b][t] = model.addVariable("d_" + b + "_" + t).binary();
                s[b][t] = model.addVariable("s_" + b + "_" + t).binary();
                swaps.add(s[b][t]);
                modes.add(c[b][t]);
                modes.add(d[b][t]);
                e[b][t + 1] = model.addVariable("e_" + b + "_" + (t + 1)).lower(0).upper(1);
                // (1)
                row("pcmax", b, t).upper(0).set(pc[b][t], 1).set(c[b][t], -k.maxChargeKw());
                row("pdmax", b, t).upper(0).set(pd[b][t], 1).set(d[b][t], -k.maxDischargeKw());
                row("mode", b, t).upper(1).set(c[b][t], 1).set(d[b][t], 1).set(s[b][t], 1);
                // (2)+(3) as the convex hull of the slot's four modes: e[t] is split into the part held by each
                // mode (ec + ed + ew + es = e[t], each within [0, mode]); the swap part es is what the rider takes
                double inGain = k.chargeEfficiency() * dt / k.capacityKwh();
                double outLoss = dt / (k.dischargeEfficiency() * k.capacityKwh());
                Variable ec = model.addVariable("ec_" + b + "_" + t).lower(0).upper(1);
                Variable ed = model.addVariable("ed_" + b + "_" + t).lower(0).upper(1);
                Variable ew = model.addVariable("ew_" + b + "_" + t).lower(0).upper(1);
                Variable es = model.addVariable("es_" + b + "_" + t).lower(0).upper(1);
                row("split", b, t).level(0).set(e[b][t], 1).set(ec, -1).set(ed, -1).set(ew, -1).set(es, -1);
                row("ecMax", b, t).upper(0).set(ec, 1).set(c[b][t], -1);
                row("edMax", b, t).upper(0).set(ed, 1).set(d[b][t], -1);
                row("ewMax", b, t).upper(1).set(ew, 1).set(c[b][t], 1).set(d[b][t], 1).set(s[b][t], 1);
                row("esMax", b, t).upper(0).set(es, 1).set(s[b][t], -1);
                // the bay's SOC never leaves [lowest, highest]: neither may the part held by a mode
                row("ewLo", b, t).lower(lowest).set(ew, 1).set(c[b][t], lowest).set(d[b][t], lowest).set(s[b][t], lowest);
                row("ewHi", b, t).upper(highest).set(ew, 1).set(c[b][t], highest).set(d[b][t], highest)
                        .set(s[b][t], highest);
                row("ecLo", b, t).lower(0).set(ec, 1).set(c[b][t], -lowest);
                row("ready", b, t).lower(0).set(es, 1).set(s[b][t], -k.swapReadySoc());
                // charging ends at or below maxSoc, discharging at or above minSoc
                row("band", b, t).upper(0).set(ec, 1).set(pc[b][t], inGain).set(c[b][t], -k.maxSoc());
                row("bandLo", b, t).lower(0).set(ed, 1).set(pd[b][t], -outLoss).set(d[b][t], -k.minSoc());
                row("dyn", b, t).level(0).set(e[b][t + 1], 1).set(e[b][t], -1).set(es, 1)
                        .set(s[b][t], -k.returnSoc()).set(pc[b][t], -inGain).set(pd[b][t], outLoss);
            }
        }
        // (4) swap demand
        for (PackType k : problem.packTypes()) {
            for (int t = 0; t < slots; t++) {
                int demand = problem.demand(k.id(), t);
                Variable u = model.addVariable("u_" + k.id() + "_" + t).lower(0).upper(demand)
                        .weight(k.swapPenalty(problem.unservedSwapPenalty()));
                Expression row = model.addExpression("demand_" + k.id() + "_" + t).level(demand).set(u, 1);
                for (int b = 0; b < n; b++) {
                    if (bays.get(b).packType().equals(k.id())) {
                        row.set(s[b][t], 1);
                    }
                }
            }
        }
        imp = new Variable[slots];
        exp = new Variable[slots];
        int activeLimit = problem.site().activeBayLimit(n);
        for (int t = 0; t < slots; t++) {
            double importLimit = problem.site().importLimitKw(t);
            double exportLimit = problem.site().exportLimitKw(t);
            // (5) active bays
            Expression active = model.addExpression("active_" + t).upper(activeLimit);
            for (int b = 0; b < n; b++) {
                active.set(c[b][t], 1).set(d[b][t], 1);
            }
            // (6) grid
            imp[t] = model.addVariable("imp_" + t).lower(0).upper(maxImport)
                    .weight(problem.tariff().importPricePerKwh()[t] * dt);
            exp[t] = model.addVariable("exp_" + t).lower(0).upper(exportLimit)
                    .weight(-problem.tariff().exportPricePerKwh()[t] * dt);
            Variable g = model.addVariable("g_" + t).binary();
            meters.add(g);
            Variable overflow = model.addVariable("overflow_" + t).lower(0).weight(HARD_RULE_PENALTY);
            elastic.add(overflow);
            Expression balance = model.addExpression("balance_" + t).level(problem.site().baseLoadKw(t))
                    .set(imp[t], 1).set(exp[t], -1);
            for (int b = 0; b < n; b++) {
                balance.set(pc[b][t], -1).set(pd[b][t], 1);
            }
            model.addExpression("importLimit_" + t).upper(importLimit).set(imp[t], 1).set(overflow, -1);
            model.addExpression("importDir_" + t).upper(0).set(imp[t], 1).set(g, -maxImport);
            model.addExpression("exportDir_" + t).upper(exportLimit).set(exp[t], 1).set(g, exportLimit);
        }
        // (7) requests
        double firmReward = 0;
        for (DispatchRequest r : problem.requests()) {
            if (r.isFirm()) {
                firmReward += r.totalReward(dt);
                for (int t = r.fromSlot(); t < r.toSlot(); t++) {
                    Variable shortfall = model.addVariable("short_" + r.id() + "_" + t).lower(0)
                            .weight(HARD_RULE_PENALTY);
                    elastic.add(shortfall);
                    model.addExpression("firm_" + r.id() + "_" + t).lower(r.exportKw())
                            .set(exp[t], 1).set(imp[t], -1).set(shortfall, 1);
                }
            } else {
                offers.add(r);
            }
        }
        offerAccepted = new Variable[offers.size()];
        for (int i = 0; i < offers.size(); i++) {
            DispatchRequest r = offers.get(i);
            offerAccepted[i] = model.addVariable("accept_" + r.id()).binary().weight(-r.totalReward(dt));
            swaps.add(0, offerAccepted[i]);
            for (int t = r.fromSlot(); t < r.toSlot(); t++) {
                // exp − imp ≥ X·a written as its two halves: exp ≥ X·a and imp ≤ Mi (1 − a) (an exporting meter imports
                // nothing). For binary a they are the same rule; in the LP a half-accepted offer needs half the export.
                model.addExpression("offerExp_" + r.id() + "_" + t).lower(0)
                        .set(exp[t], 1).set(offerAccepted[i], -r.exportKw());
                model.addExpression("offerImp_" + r.id() + "_" + t).upper(maxImport)
                        .set(imp[t], 1).set(offerAccepted[i], maxImport);
            }
        }
        // (8) the end value: a weight on each bay's last SOC, its −minSoc part a constant
        for (int b = 0; b < n; b++) {
            PackType k = problem.packType(bays.get(b).packType());
            if (k.endValue() != 0) {
                e[b][slots].weight(-k.endValue() * k.capacityKwh());
            }
        }
        // (9) end readiness: y[b] = 1 only for a bay whose last SOC is swap-ready; ψ prices a shortfall as a hard rule
        for (PackType k : problem.packTypes()) {
            if (k.readyAtEnd() <= 0) {
                continue;
            }
            Variable shortfall = model.addVariable("readyShort_" + k.id()).lower(0).weight(HARD_RULE_PENALTY);
            elastic.add(shortfall);
            Expression count = model.addExpression("readyAtEnd_" + k.id()).lower(k.readyAtEnd()).set(shortfall, 1);
            for (int b = 0; b < n; b++) {
                if (bays.get(b).packType().equals(k.id())) {
                    Variable y = model.addVariable("ready_" + b).binary();
                    swaps.add(y);
                    readyFlags.add(new ReadyFlag(y, b, k));
                    model.addExpression("readyEnd_" + b).lower(0).set(e[b][slots], 1).set(y, -k.swapReadySoc());
                    count.set(y, 1);
                }
            }
        }
        constant = -firmReward + endValueConstant;
    }

    private Expression row(String name, int bay, int slot) {
        return model.addExpression(name + "_" + bay + "_" + slot);
    }
}
