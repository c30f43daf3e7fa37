// Bounded buffers by decimation: see decimator.h.
#include "decimator.h"

#include <algorithm>

namespace haggle::charts {

Decimator::Decimator(qsizetype cap)
    : m_cap(std::max(cap, MinCap))
{
}

void Decimator::clear()
{
    m_stride = 1;
    m_pushed = 0;
    m_hasTail = false;
}

} // namespace haggle::charts
