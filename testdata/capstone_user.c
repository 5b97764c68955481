/* A program that uses Capstone's shared library itself (dlopen + dlsym),
 * while the preload carries its own hidden copy: the program must get its
 * own, working one. Capstone's header is used for types only. */
#include <capstone/capstone.h>
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
	void *h = dlopen("libcapstone.so.4", RTLD_NOW);
	if (!h) {
		printf("no libcapstone.so.4\n");
		return 3;
	}
	__typeof__(cs_version) *ver = (__typeof__(cs_version) *)dlsym(h, "cs_version");
	__typeof__(cs_open) *op = (__typeof__(cs_open) *)dlsym(h, "cs_open");
	__typeof__(cs_disasm) *dis = (__typeof__(cs_disasm) *)dlsym(h, "cs_disasm");
	__typeof__(cs_free) *fr = (__typeof__(cs_free) *)dlsym(h, "cs_free");
	__typeof__(cs_close) *cl = (__typeof__(cs_close) *)dlsym(h, "cs_close");
	if (!ver || !op || !dis || !fr || !cl)
		return 4;
	int major = 0, minor = 0;
	ver(&major, &minor);
	printf("capstone %d.%d\n", major, minor);
	csh handle;
	if (op(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK)
		return 5;
	static const uint8_t code[] = {0x0f, 0x05, 0x0f, 0x0b, 0xc3};
	cs_insn *insn;
	size_t n = dis(handle, code, sizeof code, 0x1000, 0, &insn);
	for (size_t i = 0; i < n; i++)
		printf("%lx %s\n", (unsigned long)insn[i].address, insn[i].mnemonic);
	fr(insn, n);
	cl(&handle);
	dlclose(h);
	return n == 3 ? 0 : 1;
}
