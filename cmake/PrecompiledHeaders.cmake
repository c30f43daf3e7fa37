# Precompiled headers: the standard, Qt and JSON headers that most files include, parsed once per library and once
# per family of tests instead of once per file. A clean build spends most of its time parsing the same Qt headers
# for seventy test executables, each one source file; a family of tests shares one precompiled header from a donor
# target compiled exactly like them (same Qt modules, same definitions), so each test reuses it.
#
# Nothing depends on it: -DHAGGLE_PRECOMPILE_HEADERS=OFF builds without (a file that forgot an include then shows).
option(HAGGLE_PRECOMPILE_HEADERS "Precompile the common standard and Qt headers (faster clean builds)" ON)

# The definitions every Qt target of ours compiles with: they change what Qt's headers declare, so a target and the
# donor of its precompiled header must agree on them.
set(HAGGLE_QT_DEFINITIONS QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER QT_NO_FOREACH)

set(HAGGLE_PCH_STD <algorithm> <array> <atomic> <cmath> <cstddef> <cstdint> <functional> <limits> <map> <memory>
                   <optional> <set> <span> <stdexcept> <string> <string_view> <utility> <vector>)
set(HAGGLE_PCH_QT_CORE <QDir> <QFile> <QFileInfo> <QList> <QObject> <QPointer> <QString> <QStringList>
                       <QTemporaryDir> <QTimer>)
set(HAGGLE_PCH_QT_WIDGETS <QAbstractTableModel> <QAction> <QApplication> <QColor> <QComboBox> <QDoubleSpinBox>
                          <QFont> <QHeaderView> <QImage> <QLabel> <QLineEdit> <QPushButton> <QSpinBox> <QTableView>
                          <QToolButton> <QVBoxLayout> <QtCharts/QChart> <QtCharts/QChartView> <QtCharts/QLineSeries>
                          <QtCharts/QValueAxis>)

# A library's own precompiled header.
function(haggle_precompile_headers target)
    if(HAGGLE_PRECOMPILE_HEADERS)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()

# haggle_pch_donor(NAME LINKS targets... [DEFINITIONS defs...] HEADERS headers...): an object library that compiles
# one empty file with the precompiled header a family of tests reuses (haggle_reuse_pch). It links what the family
# links and takes the family's definitions, so that it sees the same include paths and macros: the compiler ignores a
# precompiled header made with any macro defined otherwise (build with -Winvalid-pch to see). Qt Test defines the
# test's folder, so a family is the tests of one folder and the donor is made there.
function(haggle_pch_donor name)
    cmake_parse_arguments(ARG "" "" "LINKS;DEFINITIONS;HEADERS" ${ARGN})
    if(NOT HAGGLE_PRECOMPILE_HEADERS)
        return()
    endif()
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
    file(CONFIGURE OUTPUT ${source} CONTENT "// Compiled only to precompile the headers of ${name}.\n")
    add_library(${name} OBJECT ${source})
    set_target_properties(${name} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    target_link_libraries(${name} PRIVATE ${ARG_LINKS} haggle_build_flags)
    target_compile_definitions(${name} PRIVATE ${HAGGLE_QT_DEFINITIONS} ${ARG_DEFINITIONS})
    target_precompile_headers(${name} PRIVATE ${ARG_HEADERS})
endfunction()

# A test reuses its family's precompiled header in its own source. Not in the file AUTOMOC adds: a test includes its
# moc output itself, so that file is all but empty, and loading a large precompiled header would take it from a tenth
# of a second to over a second.
function(haggle_reuse_pch target donor)
    if(HAGGLE_PRECOMPILE_HEADERS)
        target_precompile_headers(${target} REUSE_FROM ${donor})
        set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/mocs_compilation.cpp
                                    PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
endfunction()
