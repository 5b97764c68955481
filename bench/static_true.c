/* /bin/true linked glibc -static: what //bench:image_overhead starts to time
 * a static program's start-up (no dynamic loader, so no preload). */
int main(void)
{
	return 0;
}
