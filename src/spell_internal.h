/* Internal pieces of the spell module shared by spell.c and spell_forms.c. */
#ifndef WA_SPELL_INTERNAL_H
#define WA_SPELL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* A read-only filter of the word forms of one Hunspell dictionary. */
typedef struct sp_forms sp_forms;

/* Reads the .aff and .dic and lists every form their affix rules can make
 * (conditions ignored, so a superset of what Hunspell accepts, folded to
 * lower case) into a Bloom filter of 4 MB.  Returns NULL when the
 * dictionary is not UTF-8, compounds words, ignores letters, or on I/O or
 * memory failure: then nothing can be ruled out. */
sp_forms *sp_forms_build(const char *aff_path, const char *dic_path);

void sp_forms_free(sp_forms *f);

/* 0 when Hunspell certainly refuses the word cp[0..n): it is no form of
 * the dictionary, nor (with hyphens) made of pieces that may be forms; 1
 * when it may accept it (also for letters the filter does not know, digits,
 * dots and apostrophes). */
int sp_forms_maybe(const sp_forms *f, const int32_t *cp, size_t n);

/* 0 when the word w[0..n) (UTF-8) certainly has no second-person plural
 * reading in the dictionary (po:2pl: no suffix rule so tagged ends it), 1
 * when it may, or when the dictionary does not tell (no filter, aliased
 * or stem-level tags). */
int sp_forms_second_plural_maybe(const sp_forms *f, const char *w, size_t n);

#endif
