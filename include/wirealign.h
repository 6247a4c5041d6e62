/*
 * wirealign.h - the public API of libwirealign, a translation-alignment
 * workbench: reading wires, splitting sentences, name keys and alias tables,
 * proofreading.  Include this umbrella header; each module's declarations
 * live in include/wirealign/<module>.h and are documented there.
 */
#ifndef WIREALIGN_H
#define WIREALIGN_H

#include "wirealign/common.h"
#include "wirealign/text.h"
#include "wirealign/split.h"
#include "wirealign/spell.h"
#include "wirealign/token.h"
#include "wirealign/thes.h"
#include "wirealign/report.h"
#include "wirealign/check.h"
#include "wirealign/translit.h"
#include "wirealign/names.h"

#endif
