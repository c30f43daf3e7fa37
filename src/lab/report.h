// Reports: results as one JSON document (the CLI's --json output, documented in the README), as readable text
// tables (the CLI's default output, like the prototype's printout), and as CSV files.
#pragma once

#include "experiments.h"
#include "runresult.h"

#include <nlohmann/json.hpp>

#include <string>

namespace haggle::lab {

using JsonDocument = nlohmann::ordered_json;

JsonDocument toJson(const HandshakeResult& result);
JsonDocument toJson(const ScarcityResult& result);
JsonDocument toJson(const TrustResult& result);
JsonDocument toJson(const RunResult& result);
JsonDocument toJson(const Summary& summary);

std::string formatHandshake(const HandshakeResult& result);
std::string formatScarcity(const ScarcityResult& result);
std::string formatTrust(const TrustResult& result);
std::string formatRun(const RunResult& result);

// rounds.csv: one row per round. Columns: round, phase, needs, needs_met, negotiations, deals, defaults,
// success_rate, mean_unit_price, volume, job_value, total_net_worth, state_hash (Simulation::stateHash() after the
// round, 16 hex digits; empty when the result kept no hashes).
std::string roundsCsv(const RunResult& result);
// deals.csv: one row per deal. Columns: round, negotiation, buyer, seller, gpu, cpu, memory, price, unit_price,
// delivered, paid, sourcing.
std::string dealsCsv(const RunResult& result);
// agents.csv: one row per agent per round. Columns: round, agent, strategy, net_worth, mean_reputation, deals.
std::string agentsCsv(const RunResult& result);

} // namespace haggle::lab
