// Text from the engine's catalogs and results (UTF-8 std::string_view) as a QString, for the layers that use Qt.
#pragma once

#include <QString>

#include <string_view>

namespace haggle {

inline QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace haggle
