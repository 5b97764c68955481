// The launchers' strerror and regerror (glibc_texts.c) give glibc's texts:
// checked here against glibc itself, which this test links.
#include <regex.h>
#include <string.h>

#include <string>

#include "gtest/gtest.h"

extern "C" char *__wrap_strerror(int err);
extern "C" size_t __wrap_regerror(int code, const regex_t *preg, char *buf,
				  size_t size);

TEST(GlibcTexts, StrerrorIsGlibcsForEveryNumber) {
	for (int e = 0; e < 200; e++)
		EXPECT_EQ(std::string(__wrap_strerror(e)), std::string(strerror(e)))
		    << "errno " << e;
	EXPECT_EQ(std::string(__wrap_strerror(-3)), std::string(strerror(-3)));
}

TEST(GlibcTexts, RegerrorIsGlibcsForEveryCode) {
	// Every code glibc has (it aborts on any other).
	for (int code = 0; code <= REG_ERPAREN; code++) {
		char ours[128], theirs[128];
		size_t a = __wrap_regerror(code, nullptr, ours, sizeof ours);
		size_t b = regerror(code, nullptr, theirs, sizeof theirs);
		EXPECT_EQ(std::string(ours), std::string(theirs)) << "code " << code;
		EXPECT_EQ(a, b) << "code " << code;
	}
}

TEST(GlibcTexts, RegerrorCutsAsGlibcDoes) {
	char ours[8], theirs[8];
	size_t a = __wrap_regerror(REG_EPAREN, nullptr, ours, sizeof ours);
	size_t b = regerror(REG_EPAREN, nullptr, theirs, sizeof theirs);
	EXPECT_EQ(a, b);
	EXPECT_EQ(std::string(ours), std::string(theirs));
	EXPECT_EQ(__wrap_regerror(REG_EPAREN, nullptr, nullptr, 0), b);
}

// What a bad pattern gives through the regcomp the test links (glibc's)
// and our text for its code: the code is what musl's regcomp returns too
// for these patterns (checked by hand: "(" REG_EPAREN, "[z-a]" REG_ERANGE,
// "+a" REG_BADRPT in both).
TEST(GlibcTexts, ABadPatternReadsAsStraceSaysIt) {
	regex_t re;
	int code = regcomp(&re, "(", REG_EXTENDED | REG_NOSUB);
	ASSERT_NE(code, 0);
	char ours[128];
	__wrap_regerror(code, &re, ours, sizeof ours);
	EXPECT_STREQ(ours, "Unmatched ( or \\(");
}
