#include <stdio.h>
int main(void) { puts("tiaojie"); return 0; }
