/* An image that needs a symbol it does not define: the injector must
 * refuse it, naming the symbol (//systrap/inject/tests). */
extern long probe_missing_symbol;

long bad_entry(void)
{
	return probe_missing_symbol;
}
