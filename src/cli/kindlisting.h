// What `haggle-cli list [FAMILY]` prints: the built-in scenarios and every catalog family (strategies, mechanisms,
// settlement rules, reputation models, experiments) with each kind's parameters, read from the catalogs.
#pragma once

#include "catalog.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace haggle::cli {

// Every family `list` knows, in the order it prints them.
std::vector<CatalogFamily> listedFamilies();
// Names `list` takes: "scenario" and each family's.
QStringList listableNames();
// The listing of one family ("scenario" for the built-in scenarios), or of everything when `family` is empty;
// nothing for an unknown name.
std::optional<QString> listing(const QString& family);
// One family as `list` shows it: each kind with its description, then each parameter with its type, range, default,
// unit and help.
QString describeFamily(const CatalogFamily& family);

} // namespace haggle::cli
