/* analysis_cache: an analysis from the site cache and back (site_cache.c
 * keeps the files): the cached sites checked against the code before use. */
#include "systrap/core/instrumenter_parts.h"

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/core/site_registry.h"

/* The sites of r as the site cache remembers them, if it has r and every
 * site still holds the syscall's bytes; else NULL. */
#define MAX_CACHED 8192
static struct planned_site *sites_from_cache(const struct code_region *r,
					     const struct site_cache_key *key,
					     struct arena *scratch,
					     size_t *count,
					     struct instrument_result *res)
{
	struct cached_site *c = arena_alloc(scratch, MAX_CACHED * sizeof *c);
	struct cached_totals totals;
	long n = c ? site_cache_load(key, r->object, c, MAX_CACHED, &totals)
		   : -1;
	if (n < 0)
		return 0;
	struct planned_site *sites = arena_alloc(scratch, (size_t)(n ? n : 1) *
							  sizeof *sites);
	if (!sites)
		return 0;
	size_t len = r->hi - r->lo;
	for (long i = 0; i < n; i++) {
		uintptr_t site = r->lo + c[i].site;
		if (c[i].site + ARCH_SYSCALL_INSN_LEN > len ||
		    !site_is_candidate((const uint8_t *)site) ||
		    (i && c[i].site <= c[i - 1].site) ||
		    c[i].prefix_len > ARCH_MAX_SYSCALL_PREFIXES ||
		    (uint32_t)c[i].window_len + c[i].prefix_len > c[i].site ||
		    c[i].window_insns > ARCH_MAX_MOVED ||
		    c[i].window_len > ARCH_MAX_MOVED * ARCH_MAX_INSN_LEN ||
		    (c[i].window_insns &&
		     c[i].window_len + c[i].prefix_len +
				     ARCH_SYSCALL_INSN_LEN <
			     ARCH_JMP_REL32_LEN) ||
		    (c[i].window_kept &&
		     (c[i].window_insns < 2 ||
		      c[i].window_len - c[i].window_kept < ARCH_JMP_REL32_LEN)))
			return 0;
		if ((c[i].flags & CACHED_FILL) && c[i].fill &&
		    (c[i].fill < -(int32_t)c[i].site ||
		     (uint64_t)((int64_t)c[i].site + c[i].fill) +
				     ARCH_JMP_REL32_LEN > len))
			return 0;
		struct planned_site *p = &sites[i];
		*p = (struct planned_site){.site = site,
					   .prefix_len = c[i].prefix_len};
		if (c[i].flags & CACHED_WINDOW) {
			p->window_known = 1;
			p->window_insns = c[i].window_insns;
			p->window_len = c[i].window_len;
			p->window_kept = c[i].window_kept;
			for (int k = 0; k < ARCH_MAX_MOVED; k++)
				p->moved[k] = c[i].moved[k];
		}
		if (c[i].flags & CACHED_FILL) {
			p->fill_known = 1;
			p->fill = c[i].fill ? (uintptr_t)((intptr_t)site + c[i].fill)
					    : 0;
		}
		/* Stale registrations of rewritten code go, as in find. */
		site_registry_remove(site);
	}
	res->candidates = totals.candidates;
	res->rejected = totals.rejected;
	*count = (size_t)n;
	return sites;
}

/* Remembers what r's analysis found (and what planning learnt). */
void analysis_store_in_cache(const struct code_region *r,
			     const struct site_cache_key *key,
			     const struct planned_site *sites, size_t n,
			     const struct instrument_result *res,
			     struct arena *scratch)
{
	if (n > MAX_CACHED)
		return;
	struct cached_site *c = arena_alloc(scratch, (n ? n : 1) * sizeof *c);
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct planned_site *p = &sites[i];
		struct cached_site e = {0};
		e.site = (uint32_t)(p->site - r->lo);
		e.prefix_len = p->prefix_len;
		if (p->window_known) {
			e.flags |= CACHED_WINDOW;
			e.window_insns = p->window_insns;
			e.window_len = p->window_len;
			e.window_kept = p->window_kept;
			for (int k = 0; k < ARCH_MAX_MOVED; k++)
				e.moved[k] = p->moved[k];
		}
		if (p->fill_known) {
			e.flags |= CACHED_FILL;
			e.fill = p->fill ? (int32_t)((intptr_t)p->fill -
						     (intptr_t)p->site)
					 : 0;
		}
		c[i] = e;
	}
	struct cached_totals totals = {(uint32_t)res->candidates,
				       (uint32_t)res->rejected};
	site_cache_store(key, r->object, c, (long)n, &totals);
}

static int is_vdso(const char *name)
{
	static const char vdso[] = "[vdso]";
	for (size_t i = 0; i < sizeof vdso; i++)
		if (name[i] != vdso[i])
			return 0;
	return 1;
}

/* The key of r in the site cache; 0 when r cannot be cached. The vDSO has
 * no file, but the same kernel maps the same bytes into every process:
 * keyed by them, a start decodes nothing there either (365 instructions,
 * and the handles planning its windows, each exec). */
int analysis_cache_key(const struct code_region *r, struct site_cache_key *key)
{
	if (r->object && is_vdso(r->object))
		return !site_cache_key_of_bytes((const void *)r->lo,
						r->hi - r->lo, key);
	return r->elf && r->elf->fd >= 0 && r->object && r->object[0] == '/' &&
	       !site_cache_key_of(r->elf->fd,
				  r->where.map_offset + (r->lo - r->where.map_start),
				  r->hi - r->lo, key);
}

/* The cached analysis of r into a, if the cache has all this run needs. */
int analysis_from_cache(struct analysis *a, const struct site_cache_key *key)
{
	size_t n = 0;
	struct planned_site *sites =
		sites_from_cache(a->r, key, &a->scratch, &n, &a->res);
	/* A result cached by a run without jumps lacks what planning them
	 * needs: analysis_run afresh (and cache the complete result). */
	for (size_t i = 0; sites && instrumenter_uses_jumps() && i < n; i++)
		if (!sites[i].window_known ||
		    (!sites[i].window_insns && !sites[i].fill_known))
			sites = 0;
	if (!sites) {
		a->res = (struct instrument_result){0};
		return 0;
	}
	a->sites = sites;
	a->n = n;
	return 1;
}

