// Prompt templates and reply parsing for LLM negotiators (see llmprompt.h).
#include "llmprompt.h"

#include "experimentresult.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace haggle::lab {

namespace {

constexpr std::uintmax_t MaxTemplateBytes = 1 << 20;
constexpr std::array<std::string_view, 3> QuestionNames = { "open", "respond", "shout" };

constexpr Placeholder Placeholders[] = {
    { "agent", "this agent's id" },
    { "partner", "the other side's id (\"the market\" in an auction)" },
    { "role", "\"buyer\" or \"seller\"" },
    { "round", "the round, from 1" },
    { "turn", "proposals made so far in this negotiation" },
    { "max_turns", "the most proposals a negotiation allows" },
    { "turns_left", "proposals still allowed" },
    { "resources", "the compute on the table, e.g. \"gpu 10\"" },
    { "reference_value", "its worth at reference prices (unit price 1.0 = the fair rate)" },
    { "budget", "own budget" },
    { "urgency", "own urgency in [0, 1]" },
    { "reservation", "own reservation unit price: a buyer's value, a seller's cost" },
    { "market_rate", "the unit price it takes as the going rate" },
    { "partner_max_price", "a seller: the buyer's announced maximum unit price" },
    { "partner_reputation", "own trust in the partner, in [0, 1]" },
    { "own_last", "own last proposal (unit price)" },
    { "partner_last", "the partner's last proposal (unit price)" },
    { "partner_previous", "the partner's proposal before its last" },
    { "cost_basis", "a reseller: the unit price it paid" },
    { "rounds_since_deal", "rounds since its last deal" },
    { "recent_deals", "its newest settled deals, one a line" },
    { "best_bid", "an open book's best bid (unit price)" },
    { "best_ask", "an open book's best ask (unit price)" },
    { "forward", "an auction: rounds until delivery (0: now)" },
    { "spot_forecast", "a futures market's forecast of the spot unit price" },
};

bool isPlaceholder(std::string_view name)
{
    return std::any_of(
        std::begin(Placeholders), std::end(Placeholders), [name](const Placeholder& p) { return p.name == name; });
}

std::string trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string price(const std::optional<double>& v)
{
    return v ? fixedText(*v, 3) : std::string("none");
}

std::string bundleText(const ResourceBundle& b)
{
    std::string out;
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        const auto kind = static_cast<ResourceKind>(k);
        if (b[kind] == 0.0)
            continue;
        if (!out.empty())
            out += ", ";
        out += resourceKindName(kind);
        out += ' ';
        out += fixedText(b[kind], 2);
    }
    return out.empty() ? std::string("none") : out;
}

std::string dealsText(std::span<const DealObservation> deals, std::span<const std::string> ids)
{
    if (deals.empty())
        return "none yet";
    std::string out;
    for (const DealObservation& d : deals) {
        if (!out.empty())
            out += '\n';
        out += "- round ";
        out += std::to_string(d.round);
        out += d.side == Side::Buyer ? ": bought from " : ": sold to ";
        out += agentIdAt(d.partner, ids);
        out += " at ";
        out += fixedText(d.unitPrice, 3);
        out += " per unit";
        out += d.fulfilled ? "" : " (the partner defaulted)";
    }
    return out;
}

std::map<std::string_view, std::string> promptValues(const LlmPrompt& prompt, std::span<const std::string> ids)
{
    std::map<std::string_view, std::string> v;
    v["recent_deals"] = dealsText(prompt.recentDeals, ids);
    if (prompt.question == LlmQuestion::Shout) {
        const ShoutView& s = prompt.shout;
        v["agent"] = agentIdAt(s.self, ids);
        v["partner"] = "the market";
        v["role"] = s.side == Side::Buyer ? "buyer" : "seller";
        v["round"] = std::to_string(s.round);
        v["resources"] = bundleText(s.resources);
        v["budget"] = fixedText(s.budget, 2);
        v["urgency"] = fixedText(s.urgency, 2);
        v["reservation"] = fixedText(s.reservation, 3);
        v["best_bid"] = price(s.bestBid);
        v["best_ask"] = price(s.bestAsk);
        v["forward"] = std::to_string(s.forward);
        v["spot_forecast"] = price(s.spotForecast);
        return v;
    }
    const NegotiationView& n = prompt.negotiation;
    v["agent"] = agentIdAt(n.self, ids);
    v["partner"] = agentIdAt(n.partner, ids);
    v["role"] = n.side == Side::Buyer ? "buyer" : "seller";
    v["round"] = std::to_string(n.round);
    v["turn"] = std::to_string(n.turn);
    v["max_turns"] = std::to_string(n.maxTurns);
    v["turns_left"] = std::to_string(std::max(0, n.maxTurns - n.turn));
    v["resources"] = bundleText(n.resources);
    v["reference_value"] = fixedText(n.referenceValue, 2);
    v["budget"] = fixedText(n.budget, 2);
    v["urgency"] = fixedText(n.urgency, 2);
    v["reservation"] = fixedText(n.reservation, 3);
    v["market_rate"] = fixedText(n.marketRate, 3);
    v["partner_max_price"] = price(n.partnerMaxPrice);
    v["partner_reputation"] = fixedText(n.partnerReputation, 2);
    v["own_last"] = price(n.ownLast);
    v["partner_last"] = price(n.partnerLast);
    v["partner_previous"] = price(n.partnerPrevious);
    v["cost_basis"] = price(n.costBasis);
    v["rounds_since_deal"] = std::to_string(n.roundsSinceLastDeal);
    return v;
}

std::string fill(const std::string& text, const std::map<std::string_view, std::string>& v)
{
    std::string out;
    out.reserve(text.size() + 256);
    std::size_t at = 0;
    while (true) {
        const auto open = text.find("{{", at);
        if (open == std::string::npos)
            break;
        const auto close = text.find("}}", open + 2);
        out.append(text, at, open - at);
        const std::string_view name = std::string_view(text).substr(open + 2, close - open - 2);
        const auto it = v.find(name);
        out += it != v.end() ? it->second : std::string("none");
        at = close + 2;
    }
    out.append(text, at, std::string::npos);
    return out;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::optional<LlmAnswer::Kind> actionKind(std::string_view word)
{
    static const std::map<std::string, LlmAnswer::Kind, std::less<>> words = {
        { "accept", LlmAnswer::Kind::Accept },
        { "accepted", LlmAnswer::Kind::Accept },
        { "deal", LlmAnswer::Kind::Accept },
        { "counter", LlmAnswer::Kind::Counter },
        { "counteroffer", LlmAnswer::Kind::Counter },
        { "counter-offer", LlmAnswer::Kind::Counter },
        { "counter_offer", LlmAnswer::Kind::Counter },
        { "offer", LlmAnswer::Kind::Counter },
        { "propose", LlmAnswer::Kind::Counter },
        { "bid", LlmAnswer::Kind::Counter },
        { "ask", LlmAnswer::Kind::Counter },
        { "reject", LlmAnswer::Kind::Reject },
        { "rejected", LlmAnswer::Kind::Reject },
        { "decline", LlmAnswer::Kind::Reject },
        { "refuse", LlmAnswer::Kind::Reject },
        { "no deal", LlmAnswer::Kind::Reject },
        { "no_deal", LlmAnswer::Kind::Reject },
        { "walk away", LlmAnswer::Kind::Reject },
        { "pass", LlmAnswer::Kind::Pass },
        { "abstain", LlmAnswer::Kind::Pass },
        { "stay out", LlmAnswer::Kind::Pass },
        { "stay_out", LlmAnswer::Kind::Pass },
    };
    const auto it = words.find(lower(trimmed(word)));
    if (it == words.end())
        return std::nullopt;
    return it->second;
}

// The first number in the text from `from` on, with its sign; digits inside a word ("llm_seller_2") are not numbers.
std::optional<double> firstNumber(std::string_view text, std::size_t from = 0)
{
    for (std::size_t i = from; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            continue;
        std::size_t start = i;
        if (start > 0 && text[start - 1] == '.')
            --start;
        if (start > 0 && text[start - 1] == '-')
            --start;
        const unsigned char before = start > 0 ? static_cast<unsigned char>(text[start - 1]) : ' ';
        double v = 0.0;
        const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), v);
        if (std::isalpha(before) || before == '_') {
            i = static_cast<std::size_t>(end - text.data());
            continue;
        }
        if (error == std::errc())
            return v;
    }
    return std::nullopt;
}

// What the answer must be for the question (see parseReply()).
ParsedReply fitted(LlmAnswer answer, LlmQuestion question)
{
    if (answer.kind == LlmAnswer::Kind::Counter
        && !(std::isfinite(answer.unitPrice) && answer.unitPrice > 0.0 && answer.unitPrice <= MaxUnitPrice))
        return "the price " + fixedText(answer.unitPrice, 3) + " is not a unit price in (0, "
            + fixedText(MaxUnitPrice, 0) + "]";
    switch (question) {
    case LlmQuestion::Open:
        if (answer.kind == LlmAnswer::Kind::Accept)
            return std::string("there is no offer to accept yet: open with an offer or reject");
        if (answer.kind == LlmAnswer::Kind::Pass)
            answer.kind = LlmAnswer::Kind::Reject;
        break;
    case LlmQuestion::Respond:
        if (answer.kind == LlmAnswer::Kind::Pass)
            answer.kind = LlmAnswer::Kind::Reject;
        break;
    case LlmQuestion::Shout:
        if (answer.kind == LlmAnswer::Kind::Accept)
            return std::string("an auction has nothing to accept: name a price or pass");
        if (answer.kind == LlmAnswer::Kind::Reject)
            answer.kind = LlmAnswer::Kind::Pass;
        break;
    }
    return answer;
}

// The JSON objects in the text, outermost, in order (braces inside strings skipped).
std::vector<std::string_view> jsonObjects(std::string_view text)
{
    std::vector<std::string_view> objects;
    int depth = 0;
    bool inString = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"' && depth > 0) {
            inString = true;
        } else if (c == '{') {
            if (depth++ == 0)
                start = i;
        } else if (c == '}' && depth > 0 && --depth == 0) {
            objects.push_back(text.substr(start, i - start + 1));
        }
    }
    return objects;
}

// The last JSON object with an "action" (a model that thinks aloud may write others before its answer).
std::optional<ParsedReply> parseJson(std::string_view reply, LlmQuestion question)
{
    nlohmann::json json;
    bool anyObject = false;
    for (std::string_view candidate : jsonObjects(reply)) {
        nlohmann::json parsed = nlohmann::json::parse(candidate, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object())
            continue;
        anyObject = true;
        if (parsed.contains("action"))
            json = std::move(parsed);
    }
    if (json.is_null())
        return anyObject ? std::optional<ParsedReply>(std::string("the JSON object has no \"action\"")) : std::nullopt;
    const auto action = json.find("action");
    if (!action->is_string())
        return ParsedReply(std::string("the JSON object's \"action\" is not text"));
    const auto kind = actionKind(action->get<std::string>());
    if (!kind)
        return ParsedReply("unknown action \"" + action->get<std::string>() + "\"");
    LlmAnswer answer { *kind, 0.0 };
    if (*kind == LlmAnswer::Kind::Counter) {
        std::optional<double> value;
        for (const char* key : { "price", "unit_price", "offer", "bid", "ask", "amount" }) {
            const auto p = json.find(key);
            if (p == json.end())
                continue;
            if (p->is_number())
                value = p->get<double>();
            else if (p->is_string())
                value = firstNumber(p->get<std::string>());
            if (value)
                break;
        }
        if (!value)
            return ParsedReply("action \"" + action->get<std::string>() + "\" needs a \"price\"");
        answer.unitPrice = *value;
    }
    return fitted(answer, question);
}

// Whether a negation comes before the word in its clause ("I cannot accept", "I don't think I can accept"; not "No
// problem, I accept").
bool negated(std::string_view text, std::size_t at)
{
    const std::size_t clause = text.find_last_of(".!?;,\n", at == 0 ? 0 : at - 1);
    const std::size_t from = clause == std::string_view::npos || at == 0 ? 0 : clause + 1;
    const std::string_view before = text.substr(from, at - from);
    for (std::string_view n : { "not ", "n't ", "n\u2019t ", "never ", "no ", "cannot ", "won't " }) {
        if (before.find(n) != std::string_view::npos)
            return true;
    }
    return false;
}

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The first place the word stands alone (not inside "offered" or "counterpart") and not negated ("cannot accept").
std::size_t findWord(std::string_view text, std::string_view word)
{
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const bool starts = at == 0 || !isWordChar(text[at - 1]);
        const std::size_t end = at + word.size();
        const bool ends = end >= text.size() || !isWordChar(text[end]);
        if (starts && ends && !negated(text, at))
            return at;
    }
    return std::string_view::npos;
}

// Free text: the first decision verb (accept, counter, reject, ...) standing alone and not negated; only without one
// a noun that names an action (offer, bid, ask, deal). For a counter, the first number after the word.
ParsedReply parseWords(std::string_view reply, LlmQuestion question)
{
    static const std::array<std::array<std::string_view, 8>, 2> ranks = { {
        { "no deal", "walk away", "counter", "accept", "reject", "decline", "refuse", "pass" },
        { "offer", "propose", "bid", "ask", "deal", "", "", "" },
    } };
    const std::string text = lower(reply);
    for (const auto& words : ranks) {
        std::size_t best = std::string::npos;
        std::string_view found;
        for (std::string_view w : words) {
            if (w.empty())
                continue;
            const std::size_t at = findWord(text, w);
            if (at < best) {
                best = at;
                found = w;
            }
        }
        if (found.empty())
            continue;
        LlmAnswer answer { *actionKind(found), 0.0 };
        if (answer.kind == LlmAnswer::Kind::Counter) {
            const auto value = firstNumber(text, best);
            if (!value)
                return "\"" + std::string(found) + "\" without a price";
            answer.unitPrice = *value;
        }
        return fitted(answer, question);
    }
    return std::string("no action in the reply");
}

} // namespace

std::span<const Placeholder> templatePlaceholders()
{
    return Placeholders;
}

std::string_view questionName(LlmQuestion question) noexcept
{
    return QuestionNames[static_cast<int>(question)];
}

PromptTemplate PromptTemplate::parse(std::string_view text, std::string_view source)
{
    PromptTemplate t;
    t.m_source = std::string(source);
    std::string* section = nullptr;
    std::array<bool, 4> seen {};
    std::istringstream in { std::string(text) };
    std::string line;
    int number = 0;
    const auto where = [&] { return std::string(source) + ":" + std::to_string(number) + ": "; };
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back(); // a template saved with CRLF line ends renders as one saved with LF
        if (line.starts_with("###")) {
            const std::string name = trimmed(std::string_view(line).substr(3));
            const auto q = std::find(QuestionNames.begin(), QuestionNames.end(), name);
            if (name != "system" && q == QuestionNames.end())
                throw std::invalid_argument(
                    where() + "unknown section \"" + name + "\" (expected system, open, respond or shout)");
            const auto k = name == "system" ? std::size_t(3) : static_cast<std::size_t>(q - QuestionNames.begin());
            if (seen[k])
                throw std::invalid_argument(where() + "a second \"### " + name + "\" section");
            if (name == "system") {
                section = &t.m_system;
                seen[3] = true;
            } else {
                section = &t.m_questions[k];
                seen[k] = true;
            }
            continue;
        }
        for (std::size_t at = line.find("{{"); at != std::string::npos; at = line.find("{{", at + 2)) {
            const auto close = line.find("}}", at + 2);
            if (close == std::string::npos)
                throw std::invalid_argument(where() + "\"{{\" without its \"}}\"");
            const std::string name = line.substr(at + 2, close - at - 2);
            if (!isPlaceholder(name))
                throw std::invalid_argument(where() + "unknown placeholder {{" + name + "}}");
        }
        if (section) {
            *section += line;
            *section += '\n';
        }
    }
    const std::array<std::string_view, 4> names = { "open", "respond", "shout", "system" };
    for (std::size_t k = 0; k < seen.size(); ++k) {
        if (!seen[k])
            throw std::invalid_argument(std::string(source) + ": no \"### " + std::string(names[k]) + "\" section");
    }
    t.m_system = trimmed(t.m_system);
    for (std::string& q : t.m_questions)
        q = trimmed(q);
    return t;
}

PromptTemplate PromptTemplate::load(const std::string& variantOrPath)
{
    for (const BuiltinPrompt& p : builtinPrompts()) {
        if (p.key == variantOrPath)
            return parse(p.text, variantOrPath);
    }
    // A template is a small text file: a device or a huge file named by a hostile scenario is refused unread.
    std::error_code error;
    const bool regular = std::filesystem::is_regular_file(variantOrPath, error);
    if (regular && std::filesystem::file_size(variantOrPath, error) > MaxTemplateBytes)
        throw std::invalid_argument("prompt '" + variantOrPath + "': a template file larger than 1 MiB");
    std::ifstream file;
    if (regular)
        file.open(variantOrPath, std::ios::binary);
    if (!regular || !file) {
        std::string known;
        for (const BuiltinPrompt& p : builtinPrompts())
            known += (known.empty() ? "" : ", ") + std::string(p.key);
        throw std::invalid_argument("prompt '" + variantOrPath + "': neither a shipped variant (" + known
            + ") nor a template file that can be read");
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parse(text.str(), variantOrPath);
}

RenderedPrompt PromptTemplate::render(const LlmPrompt& prompt, std::span<const std::string> ids) const
{
    const auto v = promptValues(prompt, ids);
    return { fill(m_system, v), fill(m_questions[static_cast<std::size_t>(prompt.question)], v) };
}

ParsedReply parseReply(std::string_view reply, LlmQuestion question)
{
    if (auto parsed = parseJson(reply, question))
        return *parsed;
    return parseWords(reply, question);
}

std::string agentIdAt(AgentIndex i, std::span<const std::string> ids)
{
    if (i < ids.size())
        return ids[i];
    return "agent " + std::to_string(i);
}

} // namespace haggle::lab
