// The prototype's experiment 1, the basic handshake: a message trace (Fair buyer, Greedy seller), the 4x4 strategy
// matrix over 50 seeds, and two Adaptive agents' "convergence".
#include "protosetups.h"
#include "prototypeexperiments.h"

#include <algorithm>

namespace haggle::lab::prototype {

using haggle::prototype::Message;
using haggle::prototype::MessageType;

namespace {

// The payload of a message as Python printed the dict. The trace's need is the integer 10 GPU hours.
std::string payloadRepr(const Message& m, const Resource& need, const Market& market)
{
    const std::string resource = format("{'gpu_hours': %s, 'cpu_hours': %s, 'memory_gb_hours': %s}",
        need.gpu == static_cast<int>(need.gpu) ? std::to_string(static_cast<int>(need.gpu)).c_str()
                                               : pyRepr(need.gpu).c_str(),
        pyRepr(need.cpu).c_str(), pyRepr(need.mem).c_str());
    switch (m.type) {
    case MessageType::Request:
        return "{'resource': " + resource + ", 'max_price': " + pyRepr(m.maxPrice) + ", 'urgency': " + pyRepr(m.urgency)
            + "}";
    case MessageType::Offer:
    case MessageType::Counter:
        return "{'resource': " + resource + ", 'price': " + pyRepr(m.price) + "}";
    case MessageType::Accept:
        return "{'resource': " + resource + ", 'price': " + pyRepr(m.price)
            + (m.broker ? ", 'broker': '" + market.agent(m.sender).id + "'" : std::string()) + "}";
    case MessageType::Reject:
        return "{'reason': '" + std::string(rejectReasonName(m.reason)) + "'"
            + (m.reason == haggle::prototype::RejectReason::LowReputation
                    ? ", 'your_reputation': " + pyRepr(m.yourReputation)
                    : std::string())
            + "}";
    case MessageType::QueryReputation:
        return "{'query': 'available_resources'}";
    }
    return "{}";
}

std::string priceList(std::span<const double> prices)
{
    std::string text = "[";
    for (std::size_t i = 0; i < prices.size(); ++i)
        text += (i ? ", '" : "'") + format("%.2f", prices[i]) + "'";
    return text + "]";
}

} // namespace

KindInfo HandshakeExperiment::kindInfo()
{
    return kind("handshake",
        "Experiment 1 (prototype rules): message trace, 4x4 strategy matrix over 50 seeds, two Adaptive agents");
}

std::string_view HandshakeExperiment::title() const
{
    return "Experiment 1: the basic handshake (prototype rules)";
}

void HandshakeExperiment::play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const
{
    const std::int64_t k = seedOffset(context);
    out.banner(1, "THE BASIC HANDSHAKE");

    // Part A: the trace.
    context.checkpoint(0.0, "trace");
    out.line("=== Message Trace: Fair vs Greedy ===");
    out.line();
    PyRandom rng;
    {
        Market pair = handshakePair(rng, Strategy::fair(0.15), Strategy::greedy(0.7), 7 + k);
        std::vector<Message> log;
        pair.setMessageLog(&log);
        const std::pair<int, int> pairing[] = { { 0, 1 } };
        pair.runRound(pairing);
        const Resource need = pair.agent(0).pendingNeeds;
        for (const auto& m : log) {
            out.line(format("  %s %8s  %s", m.sender == 0 ? "->" : "<-", std::string(messageTypeName(m.type)).c_str(),
                payloadRepr(m, need, pair).c_str()));
        }
        out.line();
        const auto& r = pair.lastResults().back();
        out.line(r.agreed ? "  Outcome: DEAL" : "  Outcome: NO DEAL");
        if (r.agreed) {
            out.line("  Resource: " + haggle::prototype::resourceText(r.resource));
            out.line(format("  Price: %.2f", r.price));
        }
        out.line();
        result.findings.push_back({ "trace",
            "A Fair buyer and a Greedy seller exchange " + std::to_string(log.size()) + " messages and make "
                + (r.agreed ? "a deal" : "no deal")
                + ": the seller answers the buyer's counter as if it were buying, from its own budget.",
            { { "messages", static_cast<long long>(log.size()) }, { "deal", static_cast<long long>(r.agreed) } },
            !r.agreed });
    }

    // Part B: the matrix.
    context.checkpoint(0.1, "strategy matrix");
    out.line("=== Strategy Matrix: Deal Success ===");
    out.line();
    std::string header = format("%-20s", "buyer \\ seller");
    for (auto kind : MatrixKinds)
        header += format("%-12s", std::string(kind).c_str());
    out.line(header);
    out.line(std::string(68, '-'));
    double matrix[4][4] = {};
    for (std::size_t b = 0; b < 4; ++b) {
        std::string row = format("%-20s", std::string(MatrixKinds[b]).c_str());
        for (std::size_t s = 0; s < 4; ++s) {
            int deals = 0;
            for (std::int64_t seed = 0; seed < 50; ++seed) {
                Market pair
                    = handshakePair(rng, matrixStrategy(MatrixKinds[b]), matrixStrategy(MatrixKinds[s]), seed + k);
                const std::pair<int, int> pairing[] = { { 0, 1 } };
                pair.runRound(pairing);
                deals += pair.lastResults().back().agreed ? 1 : 0;
            }
            matrix[b][s] = static_cast<double>(deals) / 50.0;
            row += percent(matrix[b][s], 0, 8) + "    ";
        }
        out.line(row);
    }
    out.line();
    bool greedyPatientNever = true;
    bool fairAdaptiveAlways = true;
    for (std::size_t b = 0; b < 4; ++b) {
        for (std::size_t s = 0; s < 4; ++s) {
            const bool greedyOrPatient = b == 0 || b == 2 || s == 0 || s == 2;
            if (greedyOrPatient && matrix[b][s] > 0)
                greedyPatientNever = false;
            if (!greedyOrPatient && matrix[b][s] < 1)
                fairAdaptiveAlways = false;
        }
    }
    result.findings.push_back({ "greedy_patient_never_deal",
        "No handshake with a Greedy or a Patient agent on either side ends in a deal.", {}, greedyPatientNever });
    result.findings.push_back({ "fair_adaptive_always_deal",
        "Every handshake between Fair and Adaptive agents ends in a deal.", {}, fairAdaptiveAlways });

    // Part C: convergence.
    context.checkpoint(0.5, "convergence");
    out.line("=== Convergence Test: Two Adaptive Agents ===");
    out.line();
    Convergence conv = convergenceRun(rng, 42 + k);
    const auto& prices = conv.prices;
    out.line(format("Deals made: %zu / 100", prices.size()));
    bool converging = false;
    if (!prices.empty()) {
        const std::size_t n = prices.size();
        out.line("First 5 prices:  " + priceList(std::span(prices).first(std::min<std::size_t>(5, n))));
        out.line("Last 5 prices:   " + priceList(std::span(prices).last(std::min<std::size_t>(5, n))));
        out.line(format("Price range:     %.2f - %.2f", *std::min_element(prices.begin(), prices.end()),
            *std::max_element(prices.begin(), prices.end())));
        out.line(format("Mean price:      %.2f", pyMean(prices)));
        if (n >= 40) {
            const double early = populationStd(std::span(prices).first(20));
            const double late = populationStd(std::span(prices).last(20));
            converging = late < early;
            out.line();
            out.line(format("Early volatility (first 20):  %.4f", early));
            out.line(format("Late volatility (last 20):    %.4f", late));
            out.line(converging ? "-> Price is CONVERGING (less volatile over time)"
                                : "-> Price is NOT converging (still volatile)");
            result.findings.push_back({ "prices_converge",
                "Two Adaptive agents' prices settle: volatility " + fixedText(early, 4) + " over the first 20 deals, "
                    + fixedText(late, 4) + " over the last 20.",
                { { "early_volatility", early }, { "late_volatility", late } }, converging });
        }
    }
    out.line();
    out.line(conv.market.summary());
    context.checkpoint(1.0, "done");
}

} // namespace haggle::lab::prototype
