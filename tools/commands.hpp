// SPDX-License-Identifier: MIT
// Entry points of the commands; tools/main.cpp dispatches to them.
#pragma once

namespace genoveil::tools {

int main_vcf(int argc, char** argv);
int main_reads(int argc, char** argv);
int main_release(int argc, char** argv);
int main_keygen(int argc, char** argv);
int main_policy(int argc, char** argv);

}  // namespace genoveil::tools
