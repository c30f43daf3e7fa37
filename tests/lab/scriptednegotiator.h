// A deterministic stand-in for a language model in tests: it reads the prompt the shipped templates render and
// answers as a simple negotiator would, in the JSON the templates ask for. Not a model of anything; only a fixed
// function of the prompt, so that a run against it is a function of the scenario.
#pragma once

#include <cstdio>
#include <regex>
#include <string>

namespace haggle::testing {

inline std::string negotiatorReply(const std::string& user)
{
    char buffer[96];
    if (user.find("Make an opening offer") != std::string::npos)
        return R"({"action": "offer", "price": 1.2})";
    if (user.find("in an auction") != std::string::npos)
        return R"({"action": "pass"})";
    std::smatch m;
    const bool buyer = user.find("You are the buyer") != std::string::npos;
    double last = 0.0;
    if (std::regex_search(user, m, std::regex(R"(Their last proposal: ([0-9.]+))")))
        last = std::stod(m[1].str());
    if (buyer) {
        if (last <= 1.1)
            return R"(Sounds fair. {"action": "accept"})";
        std::snprintf(
            buffer, sizeof buffer, "```json\n{\"action\": \"counter\", \"price\": %.3f}\n```", (last + 0.9) / 2);
        return buffer;
    }
    if (last >= 0.95)
        return R"({"action": "accept"})";
    std::snprintf(buffer, sizeof buffer, "{\"action\": \"counter\", \"price\": \"%.3f\"}", (last + 1.2) / 2);
    return buffer;
}

} // namespace haggle::testing
