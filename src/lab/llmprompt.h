// The text side of LLM negotiators (docs/llm.md): prompt templates with the negotiation's state filled in, and the
// parser that turns a model's reply into a protocol answer.
//
// A template is plain text in sections, each opened by a line "### system", "### open", "### respond" or "### shout":
// the system message, and the user message for each question (languagemodel.h). Placeholders {{name}} take the
// state's values (templatePlaceholders() lists them; a value the state lacks renders as "none"). The shipped variants,
// "naive" and "engineered", are resources/prompts/*.prompt.
#pragma once

#include "languagemodel.h"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace haggle::lab {

struct BuiltinPrompt {
    std::string_view key; // file name without .prompt: "naive", "engineered"
    std::string_view text;
};
std::span<const BuiltinPrompt> builtinPrompts();

// The names a template may use, each with what it holds.
struct Placeholder {
    std::string_view name;
    std::string_view meaning;
};
std::span<const Placeholder> templatePlaceholders();

struct RenderedPrompt {
    std::string system;
    std::string user;
};

class PromptTemplate {
public:
    // Parses a template; throws std::invalid_argument naming `source` and the line for a section it does not know, an
    // unknown placeholder, or a missing section.
    static PromptTemplate parse(std::string_view text, std::string_view source);
    // A shipped variant by name, or a template file's path (UTF-8); throws std::invalid_argument for neither.
    static PromptTemplate load(const std::string& variantOrPath);

    // The system message and the question's user message, filled in. `ids`: the agents' ids by index.
    RenderedPrompt render(const LlmPrompt& prompt, std::span<const std::string> ids) const;
    const std::string& source() const noexcept { return m_source; }

private:
    std::string m_source;
    std::string m_system;
    std::array<std::string, 3> m_questions; // by LlmQuestion
};

std::string_view questionName(LlmQuestion question) noexcept; // "open", "respond", "shout"
// The scenario's id of agent `i` ("agent 7" past the ids given), as prompts and recordings name it.
std::string agentIdAt(AgentIndex i, std::span<const std::string> ids);

// A reply parsed: the answer, or why it cannot be used.
using ParsedReply = std::variant<LlmAnswer, std::string>;
// Reads the reply: a JSON object {"action": ..., "price": ...} anywhere in it (code fences and prose around it are
// skipped), else the first action word and the first number after it. The action must fit the question (an opening
// offer cannot accept); a price must be a unit price in (0, MaxUnitPrice].
ParsedReply parseReply(std::string_view reply, LlmQuestion question);
inline constexpr double MaxUnitPrice = 100.0;

} // namespace haggle::lab
