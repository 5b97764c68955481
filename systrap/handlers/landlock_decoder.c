/* landlock_decoder: Landlock's attribute structs as strace 6.1 prints
 * them (landlock_create_ruleset's ruleset, landlock_add_rule's rule).
 *
 * Both are read once at the call's entry: the kernel only reads them. */
#include <stdint.h>
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

/* landlock_create_ruleset's attr of `size` bytes: its address when the
 * size cannot hold handled_access_fs (the version query passes NULL, 0),
 * else the field, with "..." where the size names more than strace 6.1
 * knows of the struct (whatever those bytes hold). */
void print_landlock_ruleset_attr(const struct decode_context *ctx,
				 uintptr_t addr, unsigned long size)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t handled_access_fs;
	if (size < sizeof handled_access_fs) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &handled_access_fs, addr,
				sizeof handled_access_fs))
		return;
	print_field_flags(tb, "{handled_access_fs=", VT_LANDLOCK_ACCESS_FS,
			  handled_access_fs);
	if (size > sizeof handled_access_fs)
		tb_str(tb, ", ...");
	tb_char(tb, '}');
}

/* landlock_add_rule's attr: struct landlock_path_beneath_attr (packed: 12
 * bytes) for LANDLOCK_RULE_PATH_BENEATH, the address for other types. */
void print_landlock_rule(const struct decode_context *ctx, uintptr_t addr,
			 long rule_type)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		uint64_t allowed_access;
		int32_t parent_fd;
	} __attribute__((packed)) rule;
	_Static_assert(sizeof rule == 12, "landlock_path_beneath_attr");
	if ((int)rule_type != 1 /* LANDLOCK_RULE_PATH_BENEATH */) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &rule, addr, sizeof rule))
		return;
	print_field_flags(tb, "{allowed_access=", VT_LANDLOCK_ACCESS_FS,
			  rule.allowed_access);
	tb_str(tb, ", parent_fd=");
	print_fd(ctx, rule.parent_fd);
	tb_char(tb, '}');
}
